/**
 * Item-by-item comparison of two published disclosures. The items are the export columns of the
 * disclosure schema (same keys, labels and value functions as the CSV/XLSX export), plus the few
 * disclosed texts the export leaves out (English texts, intervention point, budget note). A change
 * anywhere in the disclosure is reported: every leaf of the record belongs to exactly one item,
 * and a leaf no item claims is reported on its own under its schema label.
 */
import { classify } from '../disclosure/classification.ts';
import {
  AI_ACT_DOMAINS, AI_ACT_EFFECTS, DATASET_KINDS, ETHICS_LEVELS, ETHICS_REQUIREMENTS, FIELDS, LEGAL_BASES, STATUSES,
  TECH_TYPES, type Labels,
} from '../disclosure/codes.ts';
import { EXPORT_COLUMNS, LABELS, PIA, code, labelOf, pick, yesNo, type ExportRecord, type L, type Lang } from '../disclosure/disclosure.fields.ts';
import type { Disclosure } from '../disclosure/disclosure.schema.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface DiffItem {
  key: string;
  label: L;
  before: string;
  after: string;
  /** null: unchanged (only listed when all items are asked for). */
  change: ChangeKind | null;
}

type Value = string | number | boolean | null;

interface ItemDef {
  key: string;
  label: L;
  /** Disclosure paths this item shows; a change under any of them changes the item. */
  paths: string[];
  value: (r: ExportRecord) => Value;
}

/** Columns that describe the published record rather than its content. */
const RECORD_COLUMNS = new Set(['public_id', 'body_code', 'body_name', 'version', 'published_at', 'is_example']);

/** Where each export column reads from in the disclosure. */
const COLUMN_PATHS: Record<string, string[]> = {
  name_ko: ['name.ko'], name_en: ['name.en'], summary_ko: ['summary.ko'], department: ['department'], status: ['status'],
  start_date: ['startDate'], end_date: ['endDate'], field: ['field'], technology_types: ['technologyTypes'],
  functions_ko: ['functions.ko'], algorithm_ko: ['algorithm.ko'], vendor: ['vendor'], model: ['model'], purpose_ko: ['purpose.ko'],
  data_description_ko: ['data.description.ko'], datasets: ['data.datasets'], personal: ['personalInfo.processesPersonal'],
  sensitive: ['personalInfo.sensitive'], unique_identifier: ['personalInfo.uniqueIdentifier'], legal_basis: ['personalInfo.legalBasis'],
  legal_basis_note: ['personalInfo.legalBasisNote'], automated_decision: ['personalInfo.automatedDecision'],
  privacy_impact_assessment: ['personalInfo.privacyImpactAssessment'], effects_ko: ['effects.ko'], outcomes: ['outcomes'],
  ethics_summary_ko: ['ethics.summary.ko'], human_oversight_ko: ['humanOversight.ko'], objection_ko: ['objection.ko'],
  ai_act_domain: ['aiAct.domain'], ai_act_effect: ['aiAct.effect'], ai_act_human_in_final_decision: ['aiAct.humanInFinalDecision'],
  high_impact: [], generative: ['aiAct.generative'], generative_labelling: ['aiAct.generativeLabelling'], ai_act_measures: ['aiAct.measures'],
  budget_krw: ['budget.amountKrw'], programme: ['programme'], contact_department: ['contact.department'], contact_phone: ['contact.phone'],
  contact_email: ['contact.email'],
};
for (const k of Object.keys(ETHICS_REQUIREMENTS)) {
  COLUMN_PATHS[`ethics_${k}_level`] = [`ethics.requirements.${k}.level`];
  COLUMN_PATHS[`ethics_${k}_how`] = [`ethics.requirements.${k}.how`];
}

/** Disclosed texts the export does not carry, placed after the export column they belong with. */
const EXTRA_ITEMS: { key: string; path: string; after: string; label?: L }[] = [
  { key: 'summary_en', path: 'summary.en', after: 'summary_ko' },
  { key: 'functions_en', path: 'functions.en', after: 'functions_ko' },
  { key: 'algorithm_en', path: 'algorithm.en', after: 'algorithm_ko' },
  { key: 'purpose_en', path: 'purpose.en', after: 'purpose_ko' },
  { key: 'data_description_en', path: 'data.description.en', after: 'data_description_ko' },
  { key: 'effects_en', path: 'effects.en', after: 'effects_ko' },
  { key: 'ethics_summary_en', path: 'ethics.summary.en', after: 'ethics_summary_ko' },
  { key: 'human_oversight_en', path: 'humanOversight.en', after: 'human_oversight_ko' },
  { key: 'objection_en', path: 'objection.en', after: 'objection_ko' },
  { key: 'ai_act_intervention_point', path: 'aiAct.interventionPoint', after: 'ai_act_human_in_final_decision' },
  { key: 'budget_note', path: 'budget.note', after: 'budget_krw', label: { ko: '예산 비고', en: 'Budget note' } },
];

const get = (d: unknown, path: string): unknown => path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), d);

function buildItems(): ItemDef[] {
  const items: ItemDef[] = [];
  for (const c of EXPORT_COLUMNS) {
    if (RECORD_COLUMNS.has(c.key)) continue;
    const paths = COLUMN_PATHS[c.key];
    if (!paths) throw new Error(`diff: export column ${c.key} has no disclosure path`);
    items.push({ key: c.key, label: c.label, paths, value: c.value });
    for (const x of EXTRA_ITEMS.filter((e) => e.after === c.key)) {
      items.push({ key: x.key, label: x.label ?? labelOf(x.path) ?? { ko: x.path, en: x.path }, paths: [x.path], value: (r) => (get(r.disclosure, x.path) ?? null) as Value });
    }
  }
  return items;
}

/** The compared items, in the order of the export (and so of the detail page's groups). */
export const DIFF_ITEMS: readonly ItemDef[] = buildItems();

/** Every scalar of a disclosure by dotted path (array positions as numbers). */
export function leafPaths(v: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (v === undefined || v === null) return out;
  if (Array.isArray(v)) v.forEach((x, i) => leafPaths(x, prefix ? `${prefix}.${i}` : String(i), out));
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) leafPaths(x, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, JSON.stringify(v));
  return out;
}

/** Not disclosed items: the schema version, and the record an import made the service from (its provenance). */
const IGNORED_PATHS = ['schemaVersion', 'source'];
const under = (path: string, prefix: string) => path === prefix || path.startsWith(prefix + '.');
const claimed = (path: string) => IGNORED_PATHS.some((p) => under(path, p)) || DIFF_ITEMS.some((i) => i.paths.some((p) => under(path, p)));

function changedLeaves(a: Disclosure, b: Disclosure): string[] {
  const la = leafPaths(a);
  const lb = leafPaths(b);
  const out: string[] = [];
  for (const k of new Set([...la.keys(), ...lb.keys()])) if (la.get(k) !== lb.get(k)) out.push(k);
  return out;
}

const record = (d: Disclosure): ExportRecord => ({
  publicId: '', bodyCode: '', bodyName: '', version: 0, publishedAt: '', isExample: false, highImpact: classify(d).highImpact, disclosure: d,
});

const empty = (v: Value) => v === null || v === '' || (typeof v === 'string' && v.trim() === '');
const same = (a: Value, b: Value) => (empty(a) && empty(b)) || a === b;

const CODED: Record<string, Labels> = {
  status: STATUSES, field: FIELDS, privacy_impact_assessment: PIA, ai_act_domain: AI_ACT_DOMAINS, ai_act_effect: AI_ACT_EFFECTS,
  ...Object.fromEntries(Object.keys(ETHICS_REQUIREMENTS).map((k) => [`ethics_${k}_level`, ETHICS_LEVELS])),
};

/** Readable text of one item: codes as labels, lists one per line. */
function readable(key: string, value: Value, d: Disclosure, lang: Lang): string {
  const ko = lang === 'ko';
  switch (key) {
    case 'technology_types':
      return d.technologyTypes.map((x) => code(TECH_TYPES, x, lang)).join(', ');
    case 'legal_basis':
      return d.personalInfo.legalBasis.map((x) => code(LEGAL_BASES, x, lang)).join('\n');
    case 'datasets':
      return d.data.datasets
        .map((s) => [s.name, s.sourceBody ? `${ko ? '출처' : 'source'}: ${s.sourceBody}` : '', code(DATASET_KINDS, s.kind, lang), `${ko ? '개인정보' : 'personal data'}: ${yesNo(s.personal, lang)}`].filter(Boolean).join(' · '))
        .join('\n');
    case 'outcomes':
      return d.outcomes
        .map((o) => `${pick(o.name, lang)}${o.unit ? ` (${o.unit})` : ''}: ${o.values.map((v) => `${v.date} ${v.value.toLocaleString('ko-KR')}${v.note ? ` (${v.note})` : ''}`).join(', ')}`)
        .join('\n');
    case 'budget_krw':
      return typeof value === 'number' ? `${value.toLocaleString('ko-KR')}${ko ? '원' : ' KRW'}` : '';
  }
  if (value === null) return '';
  if (typeof value === 'boolean') return yesNo(value, lang);
  if (CODED[key] && typeof value === 'string') return code(CODED[key], value, lang);
  if (typeof value === 'number') return value.toLocaleString('ko-KR');
  return value;
}

function fallbackLabel(path: string): L {
  const l = labelOf(path) ?? labelOf(path.replace(/\.\d+/g, ''));
  if (l) return l;
  const parent = path.split('.').slice(0, -1).join('.');
  const p = LABELS[parent];
  return p ? { ko: `${p.ko} (${path})`, en: `${p.en} (${path})` } : { ko: path, en: path };
}

export interface DiffOptions {
  lang?: Lang;
  /** List unchanged items too (change: null). */
  all?: boolean;
}

/** The items that differ between two versions (or every item, with `all`), in schema order. */
export function diffDisclosures(before: Disclosure, after: Disclosure, options: DiffOptions = {}): DiffItem[] {
  const lang = options.lang ?? 'ko';
  const ra = record(before);
  const rb = record(after);
  const leaves = changedLeaves(before, after);
  const items: DiffItem[] = [];
  for (const item of DIFF_ITEMS) {
    const va = item.value(ra);
    const vb = item.value(rb);
    const changed = !same(va, vb) || leaves.some((l) => item.paths.some((p) => under(l, p)));
    if (!changed && !options.all) continue;
    items.push({ key: item.key, label: item.label, before: readable(item.key, va, before, lang), after: readable(item.key, vb, after, lang), change: changed ? kindOf(va, vb) : null });
  }
  // A disclosed value no item claims (a newer schema field): still reported, never silently dropped.
  for (const path of leaves.filter((l) => !claimed(l))) {
    const va = (get(before, path) ?? null) as Value;
    const vb = (get(after, path) ?? null) as Value;
    items.push({ key: path, label: fallbackLabel(path), before: va === null ? '' : String(va), after: vb === null ? '' : String(vb), change: kindOf(va, vb) });
  }
  return items;
}

function kindOf(a: Value, b: Value): ChangeKind {
  if (empty(a) && !empty(b)) return 'added';
  if (!empty(a) && empty(b)) return 'removed';
  return 'changed';
}

/** Keys of the items that changed from one version to the next (for the history export). */
export function changedItemKeys(before: Disclosure | undefined, after: Disclosure): string[] {
  if (!before) return [];
  return diffDisclosures(before, after).map((i) => i.key);
}

export const CHANGE_LABELS: Record<ChangeKind | 'unchanged', L> = {
  added: { ko: '추가', en: 'Added' },
  removed: { ko: '삭제', en: 'Removed' },
  changed: { ko: '변경', en: 'Changed' },
  unchanged: { ko: '변경 없음', en: 'Unchanged' },
};
