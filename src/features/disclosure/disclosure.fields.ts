/**
 * Labels and export columns of the disclosure schema. Field paths are those of disclosure.schema.ts;
 * the detail page, the export columns and error messages all read them from here.
 */
import {
  AI_ACT_DOMAINS, AI_ACT_EFFECTS, DATASET_KINDS, ETHICS_LEVELS, ETHICS_REQUIREMENTS, FIELDS, LEGAL_BASES,
  STATUSES, TECH_TYPES, type Labels,
} from './codes.ts';
import type { Disclosure } from './disclosure.schema.ts';

export type L = { ko: string; en: string };

export const LABELS: Record<string, L> = {
  name: { ko: '서비스명', en: 'Service name' },
  summary: { ko: '서비스 요약', en: 'Summary' },
  department: { ko: '담당 부서', en: 'Department' },
  contact: { ko: '문의처', en: 'Contact' },
  'contact.department': { ko: '문의 부서', en: 'Contact department' },
  'contact.phone': { ko: '전화번호', en: 'Phone' },
  'contact.email': { ko: '전자우편', en: 'Email' },
  status: { ko: '운영 상태', en: 'Status' },
  startDate: { ko: '운영 시작일', en: 'Start date' },
  endDate: { ko: '운영 종료일', en: 'End date' },
  field: { ko: '활용 분야', en: 'Field of use' },
  technologyTypes: { ko: '기술 유형', en: 'Technology type' },
  functions: { ko: '주요 기능', en: 'Functions' },
  algorithm: { ko: '알고리즘 및 작동 방식', en: 'Algorithm and how it works' },
  vendor: { ko: '개발·공급 업체', en: 'Vendor' },
  model: { ko: '사용 모델', en: 'Model' },
  purpose: { ko: 'AI 도입 목적 (도입 배경 포함)', en: 'Purpose of adoption, with background' },
  data: { ko: '사용 데이터와 출처', en: 'Data used and sources' },
  'data.description': { ko: '사용 데이터 설명', en: 'Description of data used' },
  'data.datasets': { ko: '데이터셋', en: 'Datasets' },
  personalInfo: { ko: '개인정보 여부 및 근거', en: 'Personal information and legal basis' },
  'personalInfo.processesPersonal': { ko: '개인정보 처리 여부', en: 'Processes personal information' },
  'personalInfo.sensitive': { ko: '민감정보 처리 여부', en: 'Processes sensitive information' },
  'personalInfo.uniqueIdentifier': { ko: '고유식별정보 처리 여부', en: 'Processes unique identifiers' },
  'personalInfo.legalBasis': { ko: '처리 근거 법령', en: 'Legal basis' },
  'personalInfo.legalBasisNote': { ko: '근거 설명', en: 'Notes on legal basis' },
  'personalInfo.automatedDecision': { ko: '자동화된 결정 여부 (제37조의2)', en: 'Automated decision (Art. 37-2)' },
  'personalInfo.privacyImpactAssessment': { ko: '개인정보 영향평가', en: 'Privacy impact assessment' },
  effects: { ko: '도입 효과·성과', en: 'Effects and outcomes' },
  outcomes: { ko: '성과 지표', en: 'Outcome indicators' },
  ethics: { ko: '윤리적 고려사항', en: 'Ethical considerations' },
  'ethics.summary': { ko: '윤리적 고려사항 요약', en: 'Summary of ethical considerations' },
  humanOversight: { ko: '사람의 관리·감독', en: 'Human oversight' },
  objection: { ko: '이의 제기·사람의 결정 요청 방법', en: 'How to object or ask for a human decision' },
  aiAct: { ko: '인공지능기본법 분류', en: 'AI Framework Act classification' },
  'aiAct.domain': { ko: '고영향 영역', en: 'High-impact domain' },
  'aiAct.effect': { ko: '영향의 종류', en: 'Kind of effect' },
  'aiAct.humanInFinalDecision': { ko: '사람의 최종 결정 관여', en: 'Person in the final decision' },
  'aiAct.interventionPoint': { ko: '사람이 개입하는 지점', en: 'Where a person intervenes' },
  'aiAct.generative': { ko: '생성형 AI 여부', en: 'Generative AI' },
  'aiAct.generativeLabelling': { ko: '생성물 표시 방법', en: 'Labelling of generated output' },
  'aiAct.measures': { ko: '사업자 조치 (위험관리·설명·문서화·영향평가)', en: 'Operator measures' },
  budget: { ko: '예산', en: 'Budget' },
  'budget.amountKrw': { ko: '예산액 (원)', en: 'Budget (KRW)' },
  programme: { ko: '연계 사업', en: 'Linked programme' },
};
for (const [k, v] of Object.entries(ETHICS_REQUIREMENTS)) {
  LABELS[`ethics.requirements.${k}`] = v;
  LABELS[`ethics.requirements.${k}.how`] = { ko: `${v.ko} 충족 방법`, en: `How ${v.en} is met` };
}

export function labelOf(path: string): L | undefined {
  if (LABELS[path]) return LABELS[path];
  const lang = /^(.*)\.(ko|en)$/.exec(path);
  if (lang && LABELS[lang[1]]) {
    const l = LABELS[lang[1]];
    return lang[2] === 'ko' ? { ko: `${l.ko} (한국어)`, en: `${l.en} (Korean)` } : { ko: `${l.ko} (영문)`, en: `${l.en} (English)` };
  }
  // datasets.3.name → data.datasets
  const trimmed = path.replace(/\.\d+(\..*)?$/, '');
  return LABELS[trimmed];
}

export type Lang = 'ko' | 'en';
export const code = (labels: Labels, value: string | undefined, lang: Lang) =>
  value === undefined ? '' : (labels[value]?.[lang] ?? value);
export const yesNo = (v: boolean | undefined, lang: Lang) => (v === undefined ? '' : v ? (lang === 'ko' ? '예' : 'Yes') : lang === 'ko' ? '아니오' : 'No');
export const pick = (t: { ko?: string; en?: string } | undefined, lang: Lang) => (lang === 'en' ? t?.en || t?.ko : t?.ko) ?? '';

export const PIA = { done: { ko: '실시', en: 'Done' }, not_done: { ko: '미실시', en: 'Not done' }, not_required: { ko: '대상 아님', en: 'Not required' } };

/** A published record as exported: identifiers and body code travel in every row. */
export interface ExportRecord {
  publicId: string;
  bodyCode: string;
  bodyName: string;
  version: number;
  publishedAt: string;
  isExample: boolean;
  highImpact: boolean;
  disclosure: Disclosure;
}

export interface Column {
  key: string;
  label: L;
  value: (r: ExportRecord) => string | number | boolean | null;
}

const d = (f: (x: Disclosure) => unknown) => (r: ExportRecord) => (f(r.disclosure) ?? null) as string | number | boolean | null;

/** Export columns, in order. Coded values are exported as codes (stable), labels live in the help sheet. */
export const EXPORT_COLUMNS: Column[] = [
  { key: 'public_id', label: { ko: '등록번호', en: 'Registry ID' }, value: (r) => r.publicId },
  { key: 'body_code', label: { ko: '기관코드', en: 'Body code' }, value: (r) => r.bodyCode },
  { key: 'body_name', label: { ko: '기관명', en: 'Body' }, value: (r) => r.bodyName },
  { key: 'version', label: { ko: '버전', en: 'Version' }, value: (r) => r.version },
  { key: 'published_at', label: { ko: '공개일시', en: 'Published at' }, value: (r) => r.publishedAt },
  { key: 'is_example', label: { ko: '예시 여부', en: 'Example record' }, value: (r) => r.isExample },
  { key: 'name_ko', label: LABELS.name, value: d((x) => x.name.ko) },
  { key: 'name_en', label: { ko: '서비스명(영문)', en: 'Service name (English)' }, value: d((x) => x.name.en) },
  { key: 'summary_ko', label: LABELS.summary, value: d((x) => x.summary.ko) },
  { key: 'department', label: LABELS.department, value: d((x) => x.department) },
  { key: 'status', label: LABELS.status, value: d((x) => x.status) },
  { key: 'start_date', label: LABELS.startDate, value: d((x) => x.startDate) },
  { key: 'end_date', label: LABELS.endDate, value: d((x) => x.endDate) },
  { key: 'field', label: LABELS.field, value: d((x) => x.field) },
  { key: 'technology_types', label: LABELS.technologyTypes, value: d((x) => x.technologyTypes.join(';')) },
  { key: 'functions_ko', label: LABELS.functions, value: d((x) => x.functions?.ko) },
  { key: 'algorithm_ko', label: LABELS.algorithm, value: d((x) => x.algorithm?.ko) },
  { key: 'vendor', label: LABELS.vendor, value: d((x) => x.vendor) },
  { key: 'model', label: LABELS.model, value: d((x) => x.model) },
  { key: 'purpose_ko', label: LABELS.purpose, value: d((x) => x.purpose.ko) },
  { key: 'data_description_ko', label: LABELS['data.description'], value: d((x) => x.data.description.ko) },
  { key: 'datasets', label: LABELS['data.datasets'], value: d((x) => x.data.datasets.map((s) => `${s.name} | ${s.sourceBody ?? ''} | ${s.kind} | ${s.personal ? 'personal' : 'non-personal'}`).join('\n')) },
  { key: 'personal', label: LABELS['personalInfo.processesPersonal'], value: d((x) => x.personalInfo.processesPersonal) },
  { key: 'sensitive', label: LABELS['personalInfo.sensitive'], value: d((x) => x.personalInfo.sensitive) },
  { key: 'unique_identifier', label: LABELS['personalInfo.uniqueIdentifier'], value: d((x) => x.personalInfo.uniqueIdentifier) },
  { key: 'legal_basis', label: LABELS['personalInfo.legalBasis'], value: d((x) => x.personalInfo.legalBasis.join(';')) },
  { key: 'legal_basis_note', label: LABELS['personalInfo.legalBasisNote'], value: d((x) => x.personalInfo.legalBasisNote) },
  { key: 'automated_decision', label: LABELS['personalInfo.automatedDecision'], value: d((x) => x.personalInfo.automatedDecision) },
  { key: 'privacy_impact_assessment', label: LABELS['personalInfo.privacyImpactAssessment'], value: d((x) => x.personalInfo.privacyImpactAssessment) },
  { key: 'effects_ko', label: LABELS.effects, value: d((x) => x.effects.ko) },
  { key: 'outcomes', label: LABELS.outcomes, value: d((x) => x.outcomes.map((o) => `${o.name.ko}${o.unit ? ` (${o.unit})` : ''}: ${o.values.map((v) => `${v.date}=${v.value}`).join(', ')}`).join('\n')) },
  { key: 'ethics_summary_ko', label: LABELS['ethics.summary'], value: d((x) => x.ethics.summary.ko) },
  ...Object.entries(ETHICS_REQUIREMENTS).flatMap(([k, v]): Column[] => [
    { key: `ethics_${k}_level`, label: { ko: `${v.ko} 수준`, en: `${v.en}: level` }, value: d((x) => x.ethics.requirements[k as keyof typeof ETHICS_REQUIREMENTS]?.level) },
    { key: `ethics_${k}_how`, label: { ko: `${v.ko} 충족 방법`, en: `${v.en}: how` }, value: d((x) => x.ethics.requirements[k as keyof typeof ETHICS_REQUIREMENTS]?.how) },
  ]),
  { key: 'human_oversight_ko', label: LABELS.humanOversight, value: d((x) => x.humanOversight.ko) },
  { key: 'objection_ko', label: LABELS.objection, value: d((x) => x.objection.ko) },
  { key: 'ai_act_domain', label: LABELS['aiAct.domain'], value: d((x) => x.aiAct.domain) },
  { key: 'ai_act_effect', label: LABELS['aiAct.effect'], value: d((x) => x.aiAct.effect) },
  { key: 'ai_act_human_in_final_decision', label: LABELS['aiAct.humanInFinalDecision'], value: d((x) => x.aiAct.humanInFinalDecision) },
  { key: 'high_impact', label: { ko: '고영향 AI 여부', en: 'High-impact AI' }, value: (r) => r.highImpact },
  { key: 'generative', label: LABELS['aiAct.generative'], value: d((x) => x.aiAct.generative) },
  { key: 'generative_labelling', label: LABELS['aiAct.generativeLabelling'], value: d((x) => x.aiAct.generativeLabelling) },
  { key: 'ai_act_measures', label: LABELS['aiAct.measures'], value: d((x) => x.aiAct.measures) },
  { key: 'budget_krw', label: LABELS['budget.amountKrw'], value: d((x) => x.budget?.amountKrw) },
  { key: 'programme', label: LABELS.programme, value: d((x) => x.programme) },
  { key: 'contact_department', label: LABELS['contact.department'], value: d((x) => x.contact.department) },
  { key: 'contact_phone', label: LABELS['contact.phone'], value: d((x) => x.contact.phone) },
  { key: 'contact_email', label: LABELS['contact.email'], value: d((x) => x.contact.email) },
];

export const CODE_LISTS = { STATUSES, FIELDS, TECH_TYPES, DATASET_KINDS, LEGAL_BASES, AI_ACT_DOMAINS, AI_ACT_EFFECTS, ETHICS_LEVELS, PIA };
