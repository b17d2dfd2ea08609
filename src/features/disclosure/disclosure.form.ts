/**
 * The editing form of the disclosure schema: sections and fields by schema path, with widgets,
 * code lists and help text. The editor renders from it and reads posted forms back through it.
 */
import {
  AI_ACT_DOMAINS, AI_ACT_EFFECTS, DATASET_KINDS, ETHICS_LEVELS, ETHICS_REQUIREMENTS, FIELDS, LEGAL_BASES, STATUSES, TECH_TYPES, type Labels,
} from './codes.ts';
import { PIA, labelOf, type L } from './disclosure.fields.ts';

export type Widget = 'text' | 'textarea' | 'select' | 'checkboxes' | 'bool' | 'date' | 'number' | 'email';

export interface FormField {
  path: string;
  widget: Widget;
  required?: boolean;
  options?: Labels;
  help?: L;
  label?: L;
}

export interface FormSection {
  id: string;
  title: L;
  fields: FormField[];
  repeat?: 'datasets' | 'outcomes';
}

const f = (path: string, widget: Widget, extra: Partial<FormField> = {}): FormField => ({ path, widget, ...extra });

export const FORM_SECTIONS: FormSection[] = [
  {
    id: 'basic', title: { ko: '기본 정보', en: 'Basic information' },
    fields: [
      f('name.ko', 'text', { required: true, help: { ko: '도민이 알아볼 수 있는 서비스 이름', en: 'A name residents recognise' } }),
      f('name.en', 'text'),
      f('summary.ko', 'textarea', { required: true, help: { ko: '쉬운 말로 2~3문장', en: 'Two or three plain sentences' } }),
      f('summary.en', 'textarea'),
      f('department', 'text'),
      f('status', 'select', { required: true, options: STATUSES }),
      f('startDate', 'date'),
      f('endDate', 'date', { help: { ko: '운영 중단 시 필수', en: 'Required when discontinued' } }),
      f('field', 'select', { required: true, options: FIELDS }),
      f('technologyTypes', 'checkboxes', { required: true, options: TECH_TYPES }),
      f('functions.ko', 'textarea'),
      f('algorithm.ko', 'textarea', { help: { ko: '어떤 입력으로 무엇을 판단·생성하는지', en: 'What it takes in and what it decides or produces' } }),
      f('vendor', 'text'),
      f('model', 'text'),
      f('programme', 'text'),
      f('budget.amountKrw', 'number'),
    ],
  },
  { id: 'purpose', title: { ko: '1. AI 도입 목적', en: '1. Purpose' }, fields: [f('purpose.ko', 'textarea', { required: true, help: { ko: '도입 배경을 포함해 적으십시오', en: 'Include the background' } }), f('purpose.en', 'textarea')] },
  { id: 'data', title: { ko: '3. 사용 데이터와 출처', en: '3. Data and sources' }, fields: [f('data.description.ko', 'textarea', { required: true })], repeat: 'datasets' },
  {
    id: 'personal', title: { ko: '4. 개인정보 여부 및 근거', en: '4. Personal information' },
    fields: [
      f('personalInfo.processesPersonal', 'bool', { required: true }),
      f('personalInfo.sensitive', 'bool', { required: true }),
      f('personalInfo.uniqueIdentifier', 'bool', { required: true }),
      f('personalInfo.legalBasis', 'checkboxes', { options: LEGAL_BASES, help: { ko: '개인정보를 처리하면 하나 이상 선택', en: 'At least one when personal data is processed' } }),
      f('personalInfo.legalBasisNote', 'textarea'),
      f('personalInfo.automatedDecision', 'bool', { required: true, help: { ko: '개인정보 보호법 제37조의2: 거부·설명 요구권', en: 'PIPA Art. 37-2: right to refuse and to an explanation' } }),
      f('personalInfo.privacyImpactAssessment', 'select', { required: true, options: PIA }),
    ],
  },
  { id: 'effects', title: { ko: '5. 도입 효과·성과', en: '5. Effects and outcomes' }, fields: [f('effects.ko', 'textarea', { required: true }), f('effects.en', 'textarea')], repeat: 'outcomes' },
  {
    id: 'ethics', title: { ko: '6. 윤리적 고려사항', en: '6. Ethical considerations' },
    fields: [
      f('ethics.summary.ko', 'textarea', { required: true }),
      ...Object.keys(ETHICS_REQUIREMENTS).flatMap((k) => [
        f(`ethics.requirements.${k}.level`, 'select', { options: ETHICS_LEVELS, label: { ko: `${ETHICS_REQUIREMENTS[k as keyof typeof ETHICS_REQUIREMENTS].ko}: 수준`, en: `${ETHICS_REQUIREMENTS[k as keyof typeof ETHICS_REQUIREMENTS].en}: level` } }),
        f(`ethics.requirements.${k}.how`, 'textarea'),
      ]),
    ],
  },
  {
    id: 'aiact', title: { ko: '인공지능기본법 분류', en: 'AI Framework Act' },
    fields: [
      f('aiAct.domain', 'select', { required: true, options: AI_ACT_DOMAINS }),
      f('aiAct.effect', 'select', { required: true, options: AI_ACT_EFFECTS }),
      f('aiAct.humanInFinalDecision', 'bool', { required: true }),
      f('aiAct.interventionPoint', 'textarea'),
      f('aiAct.generative', 'bool', { required: true }),
      f('aiAct.generativeLabelling', 'textarea'),
      f('aiAct.measures', 'textarea'),
    ],
  },
  { id: 'oversight', title: { ko: '사람의 관여와 이의 제기', en: 'Oversight and objections' }, fields: [f('humanOversight.ko', 'textarea', { required: true }), f('objection.ko', 'textarea', { required: true })] },
  { id: 'contact', title: { ko: '문의처', en: 'Contact' }, fields: [f('contact.department', 'text'), f('contact.phone', 'text'), f('contact.email', 'email')] },
];

export function fieldLabel(field: FormField): L {
  return field.label ?? labelOf(field.path) ?? { ko: field.path, en: field.path };
}

export function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), obj);
}

function setPath(obj: Record<string, any>, path: string, value: unknown) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys[keys.length - 1]] = value;
}

const str = (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '').trim();
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/** Reads a posted editor form back into a (possibly incomplete) disclosure. */
export function formToDisclosure(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, any> = { contact: {}, ethics: { requirements: {} }, data: { datasets: [] }, outcomes: [] };
  for (const section of FORM_SECTIONS) {
    for (const field of section.fields) {
      const raw = body[field.path];
      let value: unknown;
      if (field.widget === 'checkboxes') value = list(raw);
      else if (field.widget === 'bool') value = str(raw) === 'true' ? true : str(raw) === 'false' ? false : undefined;
      else if (field.widget === 'number') value = str(raw) === '' ? undefined : Number(str(raw).replace(/[,\s]/g, ''));
      else value = str(raw) || undefined;
      if (value !== undefined) setPath(out, field.path, value);
    }
  }
  // Ethics rows are kept only when something was entered.
  for (const [k, v] of Object.entries(out.ethics.requirements as Record<string, any>)) if (!v.how && !v.level) delete out.ethics.requirements[k];
  for (let i = 0; i < 50; i++) {
    const name = str(body[`data.datasets.${i}.name`]);
    if (body[`data.datasets.${i}.name`] === undefined) break;
    if (!name) continue;
    out.data.datasets.push({ name, sourceBody: str(body[`data.datasets.${i}.sourceBody`]) || undefined, kind: str(body[`data.datasets.${i}.kind`]) || 'other', personal: str(body[`data.datasets.${i}.personal`]) === 'true' });
  }
  for (let i = 0; i < 20; i++) {
    if (body[`outcomes.${i}.name`] === undefined) break;
    const name = str(body[`outcomes.${i}.name`]);
    if (!name) continue;
    const values = str(body[`outcomes.${i}.values`]).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((line) => {
      const [date = '', value = '', ...note] = line.split(',').map((x) => x.trim());
      return { date, value: Number(value.replace(/\s/g, '')), ...(note.join(',') ? { note: note.join(',') } : {}) };
    });
    const nameEn = str(body[`outcomes.${i}.nameEn`]);
    out.outcomes.push({ name: nameEn ? { ko: name, en: nameEn } : { ko: name }, unit: str(body[`outcomes.${i}.unit`]) || undefined, values });
  }
  if (!out.budget?.amountKrw && out.budget?.amountKrw !== 0) delete out.budget;
  return out;
}

/** Disclosure paths the editor shows: its fields, and the repeated datasets and outcome rows as wholes. */
const FORM_PATHS = new Set(FORM_SECTIONS.flatMap((s) => s.fields.map((x) => x.path)));
const FORM_REPEATS = ['data.datasets', 'outcomes'];
const shownByForm = (path: string) => FORM_PATHS.has(path) || FORM_REPEATS.some((r) => path === r || path.startsWith(r + '.'));
const holdsFormFields = (path: string) => [...FORM_PATHS, ...FORM_REPEATS].some((p) => p.startsWith(path + '.'));
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The posted form plus everything of the stored disclosure the form does not show: English texts
 * without a field, the budget note, an imported record's `source` (its provenance) and any other
 * item. What the form shows is the form's, including a value the officer cleared.
 */
export function keepUnformed(stored: unknown, posted: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(posted) as Record<string, any>;
  const walk = (from: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(from)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (shownByForm(path) || v === undefined) continue;
      if (isObject(v) && holdsFormFields(path)) walk(v, path);
      else if (getPath(out, path) === undefined) setPath(out, path, structuredClone(v));
    }
  };
  if (isObject(stored)) walk(stored, '');
  return out;
}
