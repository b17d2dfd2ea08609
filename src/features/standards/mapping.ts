/**
 * The mapping engine. A mapping is data: for each field of another standard, where it lives in the
 * Gyeonggi disclosure (a path, or a context value such as the body), a named converter that says how
 * values convert, and how faithful the correspondence is. The same table drives export (Gyeonggi →
 * standard), import (standard → Gyeonggi draft) and the documentation (docs/standards.md).
 *
 * Round trip: an imported draft keeps the original record (`disclosure.source`). Exporting that
 * draft in the same standard writes the original value of every field whose Gyeonggi item is still
 * what the import made of it, so import → export reproduces the file; once an officer edits an
 * item, the edited item is converted instead.
 */
import { LEGAL_BASES } from '../disclosure/codes.ts';
import { isBlank, repairText } from './text.ts';

export type Fidelity = 'exact' | 'approximate' | 'lost';

/** A two-way code table: Gyeonggi code ↔ the standard's value. The first pair for a code wins on export. */
export interface CodeTable {
  pairs: [gg: string, foreign: string][];
  /** More spellings accepted on import (normalized like the values: case, "a) " prefixes and text after ":" ignored). */
  aliases?: Record<string, string>;
  /** Values of the standard that have no Gyeonggi code (import warns, the value stays in the source record). */
  unmapped?: string[];
  /** The value exported for a Gyeonggi code without a pair (e.g. "Other"). */
  otherwise?: string;
  /** Multi-valued: the separator used on export (import also splits on ";" and line breaks). */
  multi?: string;
}

export interface FieldMap {
  /** Key of the field in the standard: a JSON path (dots) or a CSV column key. */
  field: string;
  /** CSV header text when it differs from `field`. */
  header?: string;
  /** What the standard calls the field (its own words, shortened). */
  label: string;
  /** Gyeonggi disclosure path; `@body`, `@id`, `@url` for record context; null when nothing corresponds. */
  gg: string | null;
  /** Named converter (see CONVERTERS); default `text`. */
  convert?: string;
  codes?: CodeTable;
  fidelity: Fidelity;
  note?: string;
  /** The field name could not be checked against the standard's own published text. */
  unconfirmed?: boolean;
  /** A record without this value cannot be imported (its name). */
  required?: boolean;
  /** Gyeonggi value set when the standard's value is empty (e.g. [] for the registry's own list columns). */
  emptyAs?: unknown;
  /** Value kind in the standard, for CSV cells holding lists: 'list' of strings or 'objects'. */
  kind?: 'text' | 'list' | 'objects';
}

export interface Mapping {
  id: string;
  title: string;
  version: string;
  /** Where the field names were taken from. */
  sources: string[];
  notes: string[];
  fields: FieldMap[];
  /** Identity of a record in its own register, for duplicate detection (e.g. agency + use case ID). */
  key(values: Record<string, unknown>): string;
}

/** Values of the record that are not in its disclosure: identifiers, body, classification. */
export interface RecordContext {
  publicId?: string;
  bodyCode?: string;
  bodyName?: { ko: string; en?: string | null };
  url?: string;
  highImpact?: boolean;
  reasons?: { ko: string; en: string }[];
  version?: number;
  publishedAt?: string;
  isExample?: boolean;
}

export interface Problem {
  code: string;
  field?: string;
  gg?: string;
  value?: string;
  message: string;
  messageEn: string;
}

export interface InContext {
  warn(p: Omit<Problem, 'field' | 'gg'>): void;
}

export interface Converter {
  /** How values convert, for the documentation. */
  describe: string;
  /** Gyeonggi → standard. `v` is the value at the field's path; `d` the whole disclosure. */
  out(v: unknown, d: any, ctx: RecordContext, f: FieldMap): unknown;
  /** Standard → Gyeonggi value at the field's path; undefined sets nothing. Absent: export only. */
  in?(raw: unknown, ic: InContext, f: FieldMap): unknown;
}

// ---- paths ----

export function getPath(obj: unknown, path: string): unknown {
  let cur: any = obj;
  for (const k of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = cur[k];
  }
  return cur;
}

export function setPath(obj: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object' || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k];
  }
  cur[keys[keys.length - 1]] = value;
}

/** Leaf paths of a JSON object (arrays are leaves). */
export function leafPaths(obj: unknown, prefix = ''): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return prefix ? [prefix] : [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) out.push(...leafPaths(v, p));
    else out.push(p);
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as any)[k], (b as any)[k]));
}

// ---- value helpers ----

/** A value as one text: lists joined by line breaks, objects as JSON. */
export function asText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return raw.map(asText).filter((s) => s !== '').join('\n');
  if (typeof raw === 'object') return JSON.stringify(raw);
  return String(raw);
}

/** A value as a list: JSON arrays as they are, text split on ";" or line breaks (or a JSON array in text). */
export function asList(raw: unknown): unknown[] {
  if (raw === null || raw === undefined) return [];
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (t.startsWith('[')) {
      try {
        const parsed = JSON.parse(t);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // not JSON: split below
      }
    }
    return t.split(/\s*(?:;|\n)\s*/).filter((s) => s !== '');
  }
  return [raw];
}

/** Normalized spelling of a coded value: case, "a) " prefixes, explanations after ":" and dash/space variants ignored. */
export function codeKey(s: string): string {
  return s.normalize('NFKC').replace(/[\u2013\u2014\u0096\u0097]/g, '-').replace(/[\u2018\u2019\u0092]/g, "'")
    .replace(/^\s*[a-z]\)[\s\u00a0?]*/i, '').replace(/:.*$/s, '').replace(/[\s\u00a0]+/g, ' ').trim().toLowerCase();
}

const codeIndex = new WeakMap<CodeTable, Map<string, string>>();

function codeIn(table: CodeTable, value: string): string | undefined {
  let index = codeIndex.get(table);
  if (!index) {
    index = new Map();
    for (const [alias, gg] of Object.entries(table.aliases ?? {}).reverse()) index.set(codeKey(alias), gg);
    for (const [gg, foreign] of [...table.pairs].reverse()) index.set(codeKey(foreign), gg); // the first pair wins
    codeIndex.set(table, index);
  }
  return index.get(codeKey(value));
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/** Dates as agencies write them: 2024-10-01, 2024-10-01 00:00:00, 10/1/2024, 01/2024, Jul-25, 2025, 2025.0, 2024-10. */
export function parseLooseDate(s: string): { date: string; precise: boolean } | undefined {
  const t = s.trim().replace(/\s+00:00:00(\.0+)?$/, '').replace(/T00:00:00(\.0+)?Z?$/, '');
  let m: RegExpMatchArray | null;
  if ((m = t.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) { const d = validDate(+m[1], +m[2], +m[3]); return d ? { date: d, precise: true } : undefined; }
  if ((m = t.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) { const d = validDate(+m[3], +m[1], +m[2]); return d ? { date: d, precise: true } : undefined; }
  if ((m = t.match(/^(\d{1,2})\/(\d{4})$/))) { const d = validDate(+m[2], +m[1], 1); return d ? { date: d, precise: false } : undefined; }
  if ((m = t.match(/^(\d{4})-(\d{1,2})$/))) { const d = validDate(+m[1], +m[2], 1); return d ? { date: d, precise: false } : undefined; }
  if ((m = t.match(/^([a-z]{3})[a-z]*[-\s](\d{2}|\d{4})$/i)) && MONTHS.includes(m[1].toLowerCase())) {
    const y = m[2].length === 2 ? 2000 + +m[2] : +m[2];
    const d = validDate(y, MONTHS.indexOf(m[1].toLowerCase()) + 1, 1);
    return d ? { date: d, precise: false } : undefined;
  }
  if ((m = t.match(/^(\d{4})(\.0)?$/))) { const d = validDate(+m[1], 1, 1); return d ? { date: d, precise: false } : undefined; }
  return undefined;
}

export function parseYesNo(s: string): boolean | undefined {
  const k = codeKey(s).replace(/[.!]$/, '');
  if (/^(yes|y|true|1|예|네|ja|oui)$/.test(k)) return true;
  if (/^(no|n|false|0|아니오|아니요|nee|non)$/.test(k)) return false;
  return undefined;
}

const unmappedValue = (ic: InContext, value: string, what: string) =>
  ic.warn({ code: 'UNMAPPED_VALUE', value: value.slice(0, 200), message: `값 「${value.slice(0, 80)}」을(를) 경기도 ${what} 항목으로 옮길 수 없어 원본 기록에만 남겼습니다.`, messageEn: `The value "${value.slice(0, 80)}" has no Gyeonggi ${what} equivalent; it is kept in the source record only.` });

// ---- converters ----

const en = (d: any, path: string) => {
  const v = getPath(d, path);
  if (typeof v === 'string' && v !== '') return v;
  if (path.endsWith('.en')) {
    const ko = getPath(d, path.slice(0, -3) + '.ko');
    if (typeof ko === 'string' && ko !== '') return ko;
  }
  return undefined;
};

export const CONVERTERS: Record<string, Converter> = {
  text: {
    describe: 'text as is',
    out: (v) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : asText(v)),
    in: (raw) => asText(raw),
  },
  en: {
    describe: 'English text (Korean when no English is given); import fills the English slot',
    out: (_v, d, _c, f) => en(d, f.gg!),
    in: (raw) => asText(raw),
  },
  yesno: {
    describe: 'Yes / No ↔ true / false',
    out: (v) => (v === true ? 'Yes' : v === false ? 'No' : undefined),
    in: (raw, ic) => {
      if (typeof raw === 'boolean') return raw;
      const b = parseYesNo(asText(raw));
      if (b === undefined) unmappedValue(ic, asText(raw), 'yes/no');
      return b;
    },
  },
  code: {
    describe: 'code table (see below)',
    out: (v, _d, _c, f) => {
      const t = f.codes!;
      const one = (x: unknown) => t.pairs.find(([gg]) => gg === x)?.[1] ?? (x === undefined ? undefined : t.otherwise);
      if (t.multi) {
        const list = (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(one).filter((x): x is string => !!x);
        const unique = [...new Set(list)];
        return unique.length ? (f.kind === 'list' ? unique : unique.join(t.multi)) : undefined;
      }
      return one(v);
    },
    in: (raw, ic, f) => {
      const t = f.codes!;
      if (t.multi) {
        const out: string[] = [];
        for (const item of asList(raw)) {
          const s = asText(item);
          if (isBlank(s)) continue;
          const gg = codeIn(t, s);
          if (gg) { if (!out.includes(gg)) out.push(gg); } else unmappedValue(ic, s, f.label);
        }
        return out.length ? out : undefined;
      }
      const s = asText(raw);
      const gg = codeIn(t, s);
      if (!gg) unmappedValue(ic, s, f.label);
      return gg;
    },
  },
  month: {
    describe: 'YYYY-MM ↔ YYYY-MM-DD (first day of the month on import)',
    out: (v) => (typeof v === 'string' ? v.slice(0, 7) : undefined),
    in: (raw, ic) => {
      const p = parseLooseDate(asText(raw));
      if (!p) unmappedValue(ic, asText(raw), 'date');
      return p?.date;
    },
  },
  date: {
    describe: 'date: many spellings read (2024-10-01, 10/1/2024, 01/2024, Jul-25, 2025); month or year only → its first day; written YYYY-MM-DD',
    out: (v) => (typeof v === 'string' ? v : undefined),
    in: (raw, ic) => {
      const p = parseLooseDate(asText(raw));
      if (!p) unmappedValue(ic, asText(raw), 'date');
      return p?.date;
    },
  },
  '@body': {
    describe: 'export: the operating body (English name, else Korean); import: kept in the source record (the draft belongs to the body given with --body)',
    out: (_v, _d, c) => c.bodyName?.en || c.bodyName?.ko,
  },
  '@id': {
    describe: 'export: the registry ID (GG-YYYY-NNNN); import: kept in the source record',
    out: (_v, _d, c) => c.publicId,
  },
  '@url': {
    describe: 'export: the registry page of the record (path on the registry site); import: kept in the source record',
    out: (_v, _d, c) => c.url,
  },
  highImpact: {
    describe: 'export: from the AI Framework Act classification (domain, effect, person in the final decision); import: kept in the source record, the officer classifies',
    out: (_v, _d, c) => (c.highImpact === undefined ? undefined : c.highImpact ? 'High-impact' : 'Not high-impact'),
  },
  classificationReasons: {
    describe: 'export: the reasoning of the classification, one reason per line; import: kept in the source record',
    out: (_v, _d, c) => c.reasons?.map((r) => r.en).join('\n'),
  },
  vendorInvolvement: {
    describe: 'export: "Purchased from a vendor" when a vendor is named, else "Developed in-house"; import: kept in the source record',
    out: (_v, d) => (d?.vendor ? 'Purchased from a vendor' : d?.name ? 'Developed in-house' : undefined),
  },
  datasetNames: {
    describe: 'dataset names, one per line ↔ datasets (name only; kind and personal flag are not carried)',
    out: (v) => (Array.isArray(v) && v.length ? v.map((s: any) => s?.name).filter(Boolean).join('\n') : undefined),
    in: (raw) => {
      const names = asList(raw).map((x) => asText(typeof x === 'object' && x !== null ? (x as any).title ?? (x as any).name ?? x : x)).filter((s) => s !== '');
      return names.length ? names.map((name) => ({ name })) : undefined;
    },
  },
  outcomesText: {
    describe: 'export: outcome indicators as text, one per line ("name (unit): date value, …"); import: kept in the source record',
    out: (v) => (Array.isArray(v) && v.length
      ? v.map((o: any) => `${o?.name?.en || o?.name?.ko}${o?.unit ? ` (${o.unit})` : ''}: ${(o?.values ?? []).map((x: any) => `${x.date} ${x.value}`).join(', ')}`).join('\n')
      : undefined),
  },
  personalSummary: {
    describe: 'export: a sentence on personal, sensitive and unique-identifier data, legal basis and privacy impact assessment; import: kept in the source record',
    out: (v: any) => {
      if (!v || typeof v !== 'object' || v.processesPersonal === undefined) return undefined;
      if (!v.processesPersonal) return 'No personal information is processed.';
      const kinds = ['personal information', v.sensitive ? 'sensitive information' : '', v.uniqueIdentifier ? 'unique identifiers' : ''].filter(Boolean).join(', ');
      const pia = v.privacyImpactAssessment === 'done' ? 'done' : v.privacyImpactAssessment === 'not_done' ? 'not done' : 'not required';
      return `Processes ${kinds}. Legal basis: ${(v.legalBasis ?? []).map((b: string) => (LEGAL_BASES as Record<string, { en: string }>)[b]?.en ?? b).join('; ') || 'not given'}${v.legalBasisNote ? ` (${v.legalBasisNote})` : ''}. Privacy impact assessment: ${pia}.`;
    },
  },
  piaDone: {
    describe: 'export: nothing (the Gyeonggi record has no link to the assessment); import: a link or "yes" → privacy impact assessment done',
    out: () => undefined,
    in: (raw) => {
      const s = asText(raw).trim();
      if (/^https?:\/\//i.test(s) || parseYesNo(s) === true) return 'done';
      if (parseYesNo(s) === false) return 'not_done';
      return undefined;
    },
  },
  piaYesNo: {
    describe: 'privacy impact assessment done ↔ Yes; not done or not required ↔ No',
    out: (v) => (v === 'done' ? 'Yes' : v === 'not_done' || v === 'not_required' ? 'No' : undefined),
    in: (raw, ic) => {
      const b = parseYesNo(asText(raw));
      if (b === undefined) unmappedValue(ic, asText(raw), 'privacy impact assessment');
      return b === undefined ? undefined : b ? 'done' : 'not_done';
    },
  },
  constant: {
    describe: 'a fixed value on export (see note); import: kept in the source record',
    out: (_v, _d, _c, f) => f.note?.match(/«(.*)»/)?.[1],
  },
};

/** Standards register their own converters here (module load order: before any mapping is applied). */
export function registerConverters(extra: Record<string, Converter>) {
  Object.assign(CONVERTERS, extra);
}

const converterOf = (f: FieldMap) => {
  const c = CONVERTERS[f.convert ?? 'text'];
  if (!c) throw new Error(`unknown converter ${f.convert} for ${f.field}`);
  return c;
};

const isContext = (gg: string | null) => gg === null || gg.startsWith('@');

/** Repairs every string inside a value (the draft copy); says whether anything changed. */
function repairDeep(v: unknown): { value: unknown; repaired: boolean } {
  if (typeof v === 'string') { const r = repairText(v); return { value: r.text, repaired: r.repaired }; }
  if (Array.isArray(v)) {
    let repaired = false;
    const value = v.map((x) => { const r = repairDeep(x); repaired ||= r.repaired; return r.value; });
    return { value, repaired };
  }
  if (v && typeof v === 'object') {
    let repaired = false;
    const value = Object.fromEntries(Object.entries(v).map(([k, x]) => { const r = repairDeep(x); repaired ||= r.repaired; return [k, r.value]; }));
    return { value, repaired };
  }
  return { value: v, repaired: false };
}

export interface ImportedFields {
  disclosure: Record<string, any>;
  warnings: Problem[];
  repaired: string[];
}

/** Standard → Gyeonggi draft content (without the source record). Never throws on odd values. */
export function importFields(m: Mapping, values: Record<string, unknown>): ImportedFields {
  const d: Record<string, any> = {};
  const warnings: Problem[] = [];
  const repaired: string[] = [];
  for (const f of m.fields) {
    const c = converterOf(f);
    if (!c.in || isContext(f.gg)) continue;
    const raw = values[f.field];
    const r = repairDeep(raw);
    if (r.repaired) repaired.push(f.field);
    if (isBlank(r.value)) {
      if (f.emptyAs !== undefined && raw !== undefined) setPath(d, f.gg!, structuredClone(f.emptyAs));
      continue;
    }
    const ic: InContext = { warn: (p) => warnings.push({ ...p, field: f.field, gg: f.gg! }) };
    let v: unknown;
    try {
      v = c.in(r.value, ic, f);
    } catch {
      ic.warn({ code: 'UNREADABLE_VALUE', message: '값을 읽을 수 없어 원본 기록에만 남겼습니다.', messageEn: 'The value could not be read; it is kept in the source record only.' });
      continue;
    }
    if (v === undefined || isBlank(v)) continue;
    setPath(d, f.gg!, v);
  }
  // The schema requires the generative flag to agree with the technology types.
  if (Array.isArray(d.technologyTypes) && d.aiAct?.generative === undefined) setPath(d, 'aiAct.generative', d.technologyTypes.includes('generative'));
  return { disclosure: d, warnings, repaired };
}

export interface SourceRecord {
  format: string;
  standard: string;
  key: string;
  hash: string;
  record?: Record<string, unknown>;
  extra?: Record<string, unknown>;
  row?: number;
  file?: string;
  importedAt?: string;
}

/**
 * Gyeonggi → standard: one value per field. When the disclosure was imported from this standard,
 * a field whose Gyeonggi item is unchanged since the import is written from the source record.
 */
export function exportFields(m: Mapping, d: any, ctx: RecordContext, formatId: string): Record<string, unknown> {
  const source: SourceRecord | undefined = d?.source?.format === formatId && d.source.record && typeof d.source.record === 'object' ? d.source : undefined;
  const fromSource = source ? importFields(m, source.record!).disclosure : undefined;
  const out: Record<string, unknown> = {};
  for (const f of m.fields) {
    if (source && (isContext(f.gg) || deepEqual(getPath(fromSource, f.gg!), getPath(d, f.gg!)))) {
      out[f.field] = source.record![f.field];
      continue;
    }
    if (f.gg === null) { out[f.field] = undefined; continue; }
    try {
      out[f.field] = converterOf(f).out(f.gg.startsWith('@') ? undefined : getPath(d, f.gg), d, ctx, f);
    } catch {
      out[f.field] = undefined; // an incomplete draft: nothing to write
    }
  }
  return out;
}
