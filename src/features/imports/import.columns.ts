/**
 * The import side of the export columns: for every key of EXPORT_COLUMNS, how a cell turns back
 * into the disclosure (the inverse of `value(record)`), in one place. A file exported by the
 * registry therefore imports again; the template and its help sheet are built from the same list.
 */
import {
  AI_ACT_DOMAINS, AI_ACT_EFFECTS, DATASET_KINDS, ETHICS_LEVELS, ETHICS_REQUIREMENTS, FIELDS, LEGAL_BASES, STATUSES, TECH_TYPES,
  type Labels,
} from '../disclosure/codes.ts';
import { EXPORT_COLUMNS, PIA, type L } from '../disclosure/disclosure.fields.ts';

export type CellKind = 'text' | 'code' | 'codes' | 'bool' | 'date' | 'int' | 'datasets' | 'outcomes';

interface FieldSpec {
  path: string; // the disclosure path this column writes (disclosure.schema.ts)
  kind: CellKind;
  codes?: Labels;
  required?: boolean; // the column must be in the file
}

/** Columns that name the record, not its content. */
export type MetaKey = 'public_id' | 'body_code' | 'change_reason';

export interface ImportColumn {
  key: string;
  label: L;
  meta?: MetaKey;
  field?: FieldSpec;
}

const req = (path: string, kind: CellKind = 'text', codes?: Labels): FieldSpec => ({ path, kind, codes, required: true });
const opt = (path: string, kind: CellKind = 'text', codes?: Labels): FieldSpec => ({ path, kind, codes });

/** Export key → disclosure field. Every export key is here, in META, or in SYSTEM_KEYS (a test checks). */
const FIELD_SPECS: Record<string, FieldSpec> = {
  name_ko: req('name.ko'),
  name_en: opt('name.en'),
  summary_ko: req('summary.ko'),
  department: opt('department'),
  status: req('status', 'code', STATUSES),
  start_date: opt('startDate', 'date'),
  end_date: opt('endDate', 'date'),
  field: req('field', 'code', FIELDS),
  technology_types: req('technologyTypes', 'codes', TECH_TYPES),
  functions_ko: opt('functions.ko'),
  algorithm_ko: opt('algorithm.ko'),
  vendor: opt('vendor'),
  model: opt('model'),
  purpose_ko: req('purpose.ko'),
  data_description_ko: req('data.description.ko'),
  datasets: opt('data.datasets', 'datasets'),
  personal: req('personalInfo.processesPersonal', 'bool'),
  sensitive: req('personalInfo.sensitive', 'bool'),
  unique_identifier: req('personalInfo.uniqueIdentifier', 'bool'),
  legal_basis: opt('personalInfo.legalBasis', 'codes', LEGAL_BASES),
  legal_basis_note: opt('personalInfo.legalBasisNote'),
  automated_decision: req('personalInfo.automatedDecision', 'bool'),
  privacy_impact_assessment: req('personalInfo.privacyImpactAssessment', 'code', PIA),
  effects_ko: req('effects.ko'),
  outcomes: opt('outcomes', 'outcomes'),
  ethics_summary_ko: req('ethics.summary.ko'),
  ...Object.fromEntries(Object.keys(ETHICS_REQUIREMENTS).flatMap((k) => [
    [`ethics_${k}_level`, opt(`ethics.requirements.${k}.level`, 'code', ETHICS_LEVELS)],
    [`ethics_${k}_how`, opt(`ethics.requirements.${k}.how`)],
  ])),
  human_oversight_ko: req('humanOversight.ko'),
  objection_ko: req('objection.ko'),
  ai_act_domain: req('aiAct.domain', 'code', AI_ACT_DOMAINS),
  ai_act_effect: req('aiAct.effect', 'code', AI_ACT_EFFECTS),
  ai_act_human_in_final_decision: req('aiAct.humanInFinalDecision', 'bool'),
  generative: req('aiAct.generative', 'bool'),
  generative_labelling: opt('aiAct.generativeLabelling'),
  ai_act_measures: opt('aiAct.measures'),
  budget_krw: opt('budget.amountKrw', 'int'),
  programme: opt('programme'),
  contact_department: opt('contact.department'),
  contact_phone: opt('contact.phone'),
  contact_email: opt('contact.email'),
};

/** Export columns the registry computes or assigns: read past on import, never written. */
export const SYSTEM_KEYS = new Set(['body_name', 'version', 'published_at', 'is_example', 'high_impact']);

const CHANGE_REASON: ImportColumn = { key: 'change_reason', label: { ko: '변경 사유', en: 'Reason for the change' }, meta: 'change_reason' };

/** Importable columns in export order, with the import-only change reason after the registry ID. */
export const IMPORT_COLUMNS: ImportColumn[] = EXPORT_COLUMNS.flatMap((c): ImportColumn[] => {
  if (c.key === 'public_id') return [{ key: c.key, label: c.label, meta: 'public_id' }, CHANGE_REASON];
  if (c.key === 'body_code') return [{ key: c.key, label: c.label, meta: 'body_code' }];
  const field = FIELD_SPECS[c.key];
  return field ? [{ key: c.key, label: c.label, field }] : [];
});

export const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));
export const REQUIRED_KEYS = IMPORT_COLUMNS.filter((c) => c.field?.required).map((c) => c.key);
export const SYSTEM_LABELS = new Map(EXPORT_COLUMNS.filter((c) => SYSTEM_KEYS.has(c.key)).map((c) => [c.key, c.label]));

/** Export keys that have no import meaning (for the coverage test). */
export function unmappedExportKeys(): string[] {
  return EXPORT_COLUMNS.map((c) => c.key).filter((k) => !COLUMN_BY_KEY.has(k) && !SYSTEM_KEYS.has(k));
}

// ----- header recognition -------------------------------------------------------------------

/** Header text as compared: NFC, no spaces, lower case, without a trailing required marker. */
export const headerForm = (s: string) => s.normalize('NFC').replace(/\(필수\)|\*$/g, '').replace(/\s+/g, '').toLowerCase();

const KEY_INDEX = new Map<string, string>();
const LABEL_INDEX = new Map<string, string>();
for (const c of [...IMPORT_COLUMNS, ...EXPORT_COLUMNS.filter((e) => SYSTEM_KEYS.has(e.key))]) {
  KEY_INDEX.set(c.key, c.key);
  for (const l of [c.label.ko, c.label.en]) if (!LABEL_INDEX.has(headerForm(l))) LABEL_INDEX.set(headerForm(l), c.key);
}

export const keyOfKeyCell = (cell: string) => KEY_INDEX.get(cell.trim().toLowerCase());
export const keyOfLabelCell = (cell: string) => LABEL_INDEX.get(headerForm(cell));

/** Every Korean header is distinct (a test checks), so a file with Korean headers only is enough. */
export function duplicateLabels(): string[] {
  const seen = new Map<string, number>();
  for (const c of IMPORT_COLUMNS) seen.set(headerForm(c.label.ko), (seen.get(headerForm(c.label.ko)) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

// ----- cell values ----------------------------------------------------------------------------

export interface CellProblem {
  code: string;
  message: string;
  messageEn: string;
}

type Read = { value: unknown; problem?: CellProblem };

const TRUE = new Set(['예', '네', 'y', 'yes', 'true', '1', 'o', '있음']);
const FALSE = new Set(['아니오', '아니요', 'n', 'no', 'false', '0', 'x', '없음']);
const simple = (s: string) => s.normalize('NFC').trim().toLowerCase();
const compact = (s: string) => simple(s).replace(/\s+/g, '');

/** A coded value from its code, Korean label or English label (spaces and case ignored). */
const codeIndexes = new WeakMap<Labels, Map<string, string>>();
export function codeOf(labels: Labels, raw: string): string | undefined {
  let index = codeIndexes.get(labels);
  if (!index) {
    index = new Map();
    for (const [code, l] of Object.entries(labels)) for (const s of [code, l.ko, l.en]) if (!index.has(compact(s))) index.set(compact(s), code);
    codeIndexes.set(labels, index);
  }
  return index.get(compact(raw));
}

export function boolOf(raw: string): boolean | undefined {
  const s = simple(raw);
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** 2024-01-05, 2024.1.5, 2024. 1. 5., 2024/01/05 → 2024-01-05; anything else is left as typed. */
export function dateOf(raw: string): string {
  const m = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?$/.exec(raw.trim());
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : raw.trim();
}

const quote = (s: string) => (s.length > 40 ? s.slice(0, 40) + '…' : s);

function readCell(col: ImportColumn, raw: string): Read {
  const spec = col.field!;
  const text = raw.trim();
  const label = col.label;
  switch (spec.kind) {
    case 'text':
      return { value: text === '' ? undefined : text };
    case 'code': {
      if (text === '') return { value: undefined };
      const code = codeOf(spec.codes!, text);
      return code ? { value: code } : { value: text, problem: badCode(label, text) };
    }
    case 'codes': {
      const parts = text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean);
      const codes: string[] = [];
      for (const p of parts) {
        const code = codeOf(spec.codes!, p);
        if (!code) return { value: parts, problem: badCode(label, p) };
        if (!codes.includes(code)) codes.push(code);
      }
      return { value: codes };
    }
    case 'bool': {
      if (text === '') return { value: undefined };
      const b = boolOf(text);
      return b === undefined ? { value: text, problem: { code: 'INVALID_BOOLEAN', message: `「${label.ko}」은(는) 예 또는 아니오로 입력하십시오 (입력값: '${quote(text)}').`, messageEn: `${label.en} must be yes or no (got '${quote(text)}').` } } : { value: b };
    }
    case 'date': {
      if (text === '') return { value: undefined };
      const d = dateOf(text);
      return /^\d{4}-\d{2}-\d{2}$/.test(d) ? { value: d } : { value: d, problem: { code: 'INVALID_FORMAT', message: `「${label.ko}」은(는) YYYY-MM-DD 형식의 날짜여야 합니다 (입력값: '${quote(text)}').`, messageEn: `${label.en} must be a date as YYYY-MM-DD (got '${quote(text)}').` } };
    }
    case 'int': {
      if (text === '') return { value: undefined };
      const n = Number(text.replace(/[,\s]|원$/g, ''));
      return Number.isSafeInteger(n) && n >= 0 ? { value: n } : { value: text, problem: { code: 'INVALID_NUMBER', message: `「${label.ko}」은(는) 0 이상의 정수여야 합니다 (입력값: '${quote(text)}').`, messageEn: `${label.en} must be a whole number, 0 or more (got '${quote(text)}').` } };
    }
    case 'datasets':
      return readDatasets(text);
    case 'outcomes':
      return readOutcomes(text);
  }
}

function badCode(label: L, value: string): CellProblem {
  return {
    code: 'INVALID_VALUE',
    message: `「${label.ko}」의 값 '${quote(value)}'은(는) 허용된 값이 아닙니다. 도움말 시트의 코드나 한글 이름으로 입력하십시오.`,
    messageEn: `'${quote(value)}' is not an allowed value for ${label.en}; use a code or label from the help sheet.`,
  };
}

/** Export format: one dataset a line, "name | source body | kind | personal|non-personal". */
function readDatasets(text: string): Read {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const out = [];
  for (const [i, line] of lines.entries()) {
    const parts = line.split('|').map((s) => s.trim());
    const kind = parts[2] ? codeOf(DATASET_KINDS, parts[2]) : undefined;
    const personal = parts[3] === undefined ? undefined : /^non-?personal$|^비개인정보$/i.test(parts[3]) ? false : /^personal$|^개인정보$/i.test(parts[3]) ? true : boolOf(parts[3]);
    if (parts.length !== 4 || !parts[0] || !kind || personal === undefined) {
      return {
        value: line,
        problem: {
          code: 'INVALID_DATASET',
          message: `「데이터셋」 ${i + 1}번째 줄의 형식이 올바르지 않습니다: '이름 | 제공 기관 | 종류 | personal 또는 non-personal' 형식으로, 한 줄에 하나씩 적으십시오.${parts[2] && !kind ? ` (종류 '${quote(parts[2])}'은(는) 허용된 값이 아닙니다.)` : ''}`,
          messageEn: `Datasets, line ${i + 1}: write one dataset a line as 'name | source body | kind | personal or non-personal'.`,
        },
      };
    }
    out.push({ name: parts[0], ...(parts[1] ? { sourceBody: parts[1] } : {}), kind, personal });
  }
  return { value: out };
}

/** Export format: one indicator a line, "name (unit): 2024-12-31=120, 2025-06-30=150". */
function readOutcomes(text: string): Read {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const out = [];
  for (const [i, line] of lines.entries()) {
    const colon = line.lastIndexOf(':');
    const head = colon >= 0 ? line.slice(0, colon).trim() : '';
    const unitMatch = /^(.*\S)\s*\(([^()]*)\)$/.exec(head);
    const values = colon >= 0 ? line.slice(colon + 1).split(/,\s*(?=\d{4}\s*[-./])/).map((s) => s.trim()).filter(Boolean) : [];
    const parsed = values.map((v) => {
      const m = /^(\S+?)\s*=\s*(-?[\d,]*\.?\d+)$/.exec(v);
      return m ? { date: dateOf(m[1]), value: Number(m[2].replace(/,/g, '')) } : undefined;
    });
    if (!head || parsed.some((p) => !p || !/^\d{4}-\d{2}-\d{2}$/.test(p.date) || !Number.isFinite(p.value))) {
      return {
        value: line,
        problem: {
          code: 'INVALID_OUTCOME',
          message: `「성과 지표」 ${i + 1}번째 줄의 형식이 올바르지 않습니다: '지표명 (단위): 2024-12-31=120, 2025-06-30=150' 형식으로, 한 줄에 하나씩 적으십시오.`,
          messageEn: `Outcome indicators, line ${i + 1}: write one indicator a line as 'name (unit): 2024-12-31=120, 2025-06-30=150'.`,
        },
      };
    }
    out.push({ head, name: unitMatch ? unitMatch[1] : head, unit: unitMatch ? unitMatch[2].trim() || undefined : undefined, values: parsed as { date: string; value: number }[] });
  }
  return { value: out };
}

type Outcome = { name: { ko: string; en?: string }; unit?: string; values: { date: string; value: number; note?: string }[] };
type ParsedOutcome = { head: string; name: string; unit?: string; values: { date: string; value: number }[] };

/**
 * The export leaves out indicator names in English and value notes; on a change proposal they
 * are kept from the published version where the indicator (by Korean name) and date still match.
 * "name (unit)" is ambiguous when a name ends in parentheses: a published name decides.
 */
function mergeOutcomes(parsed: ParsedOutcome[], current: Outcome[] | undefined): Outcome[] {
  return parsed.map((p) => {
    const whole = current?.find((c) => c.name.ko === p.head && !c.unit);
    const name = whole ? p.head : p.name;
    const unit = whole ? undefined : p.unit;
    const before = current?.find((c) => c.name.ko === name);
    return {
      name: { ko: name, ...(before?.name.en ? { en: before.name.en } : {}) },
      ...(unit ? { unit } : {}),
      values: p.values.map((v) => {
        const note = before?.values.find((x) => x.date === v.date && x.value === v.value)?.note;
        return { ...v, ...(note ? { note } : {}) };
      }),
    };
  });
}

// ----- row → disclosure input -----------------------------------------------------------------

function setPath(target: Record<string, any>, path: string, value: unknown) {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    if (!o[p] || typeof o[p] !== 'object' || Array.isArray(o[p])) o[p] = {};
    o = o[p];
  }
  if (value === undefined) delete o[parts[parts.length - 1]];
  else o[parts[parts.length - 1]] = value;
}

const isEmptyObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === undefined);

/** A new record starts from the empty shape, so absent optional columns mean "none", not "missing". */
const skeleton = () => ({ contact: {}, data: { datasets: [] }, personalInfo: { legalBasis: [] }, outcomes: [], ethics: { requirements: {} }, aiAct: {} });

export interface RowInput {
  disclosure: Record<string, any>;
  problems: { key: string; problem: CellProblem }[];
}

/**
 * One row → the disclosure input: columns present in the file set their fields (an empty cell
 * clears an optional one); fields without a column keep the published version's value when the
 * row proposes a change to it (`base`), and are absent on a new record.
 */
export function rowToDisclosure(columns: (ImportColumn | undefined)[], cells: string[], base?: Record<string, any>): RowInput {
  const disclosure: Record<string, any> = base ? structuredClone(base) : skeleton();
  const problems: RowInput['problems'] = [];
  columns.forEach((col, i) => {
    if (!col?.field) return;
    const r = readCell(col, cells[i] ?? '');
    if (r.problem) problems.push({ key: col.key, problem: r.problem });
    let value = r.value;
    if (col.field.kind === 'outcomes' && !r.problem) value = mergeOutcomes(value as ParsedOutcome[], base?.outcomes);
    setPath(disclosure, col.field.path, value);
  });
  for (const k of ['functions', 'algorithm', 'budget']) if (isEmptyObject(disclosure[k])) delete disclosure[k];
  const reqs = disclosure.ethics?.requirements ?? {};
  for (const k of Object.keys(reqs)) if (isEmptyObject(reqs[k])) delete reqs[k];
  return { disclosure, problems };
}

/** The column a schema problem belongs to: the longest column path that is the problem's path or its prefix. */
const BY_PATH = IMPORT_COLUMNS.filter((c) => c.field).sort((a, b) => b.field!.path.length - a.field!.path.length);
export function columnOfPath(path: string): ImportColumn | undefined {
  return BY_PATH.find((c) => path === c.field!.path || path.startsWith(c.field!.path + '.'))
    ?? BY_PATH.find((c) => c.field!.path.startsWith(path + '.')); // e.g. "contact" missing as a whole
}

// ----- help texts (template help sheet) -------------------------------------------------------

export function allowedValues(col: ImportColumn): L {
  const spec = col.field;
  if (col.meta === 'public_id') return { ko: '비워 두면 새 서비스 등록. 우리 기관의 공개 서비스 등록번호(GG-2025-0001 형식)를 적으면 그 서비스의 변경 제안이 됩니다.', en: 'Empty: a new service. A registry ID of your body’s published service (GG-2025-0001): a change proposal for it.' };
  if (col.meta === 'change_reason') return { ko: '등록번호를 적은 행(변경 제안)에는 필수입니다.', en: 'Required on rows with a registry ID (change proposals).' };
  if (col.meta === 'body_code') return { ko: '비워 두거나 우리 기관의 기관코드를 적습니다. 다른 기관의 코드가 있으면 파일 전체를 가져오지 않습니다.', en: 'Empty or your own body’s code; another body’s code refuses the whole file.' };
  if (!spec) return { ko: '', en: '' };
  const list = (labels: Labels) => Object.entries(labels).map(([code, l]) => `${code} = ${l.ko}`).join('\n');
  const listEn = (labels: Labels) => Object.entries(labels).map(([code, l]) => `${code} = ${l.en}`).join('\n');
  switch (spec.kind) {
    case 'code': return { ko: `코드나 한글 이름 하나:\n${list(spec.codes!)}`, en: `One code or label:\n${listEn(spec.codes!)}` };
    case 'codes': return { ko: `코드나 한글 이름을 세미콜론(;)으로 구분:\n${list(spec.codes!)}`, en: `Codes or labels separated by semicolons (;):\n${listEn(spec.codes!)}` };
    case 'bool': return { ko: '예 또는 아니오 (Y/N, true/false, 1/0도 가능)', en: 'Yes or no: 예/아니오, Y/N, true/false, 1/0' };
    case 'date': return { ko: 'YYYY-MM-DD (예: 2025-03-01)', en: 'YYYY-MM-DD (e.g. 2025-03-01)' };
    case 'int': return { ko: '원 단위 정수 (예: 120000000)', en: 'Whole won (e.g. 120000000)' };
    case 'datasets': return { ko: `한 줄에 하나 (셀 안 줄바꿈: Alt+Enter): 이름 | 제공 기관 | 종류 | personal 또는 non-personal\n종류: ${Object.keys(DATASET_KINDS).join(', ')}`, en: `One a line (Alt+Enter in the cell): name | source body | kind | personal or non-personal\nkind: ${Object.keys(DATASET_KINDS).join(', ')}` };
    case 'outcomes': return { ko: '한 줄에 하나: 지표명 (단위): 2024-12-31=120, 2025-06-30=150', en: 'One a line: name (unit): 2024-12-31=120, 2025-06-30=150' };
    default: return { ko: '글', en: 'Text' };
  }
}
