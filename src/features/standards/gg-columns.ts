/**
 * The Gyeonggi export columns (disclosure.fields.ts EXPORT_COLUMNS) as a mapping, so the CSV and
 * xlsx files the registry exports can be read back as drafts by the same engine. Export uses the
 * columns' own value functions (identical to the registry export); import parses each column back.
 */
import { ETHICS_REQUIREMENTS } from '../disclosure/codes.ts';
import { EXPORT_COLUMNS, type ExportRecord } from '../disclosure/disclosure.fields.ts';
import { asList, asText, parseYesNo, registerConverters, type Converter, type FieldMap, type Mapping, type RecordContext } from './mapping.ts';

type Parse = 'text' | 'bool' | 'list' | 'number' | 'datasets' | 'outcomes';

/** Column key → disclosure path and how its text is read. Columns not listed are context (ID, body, version…). */
const PATHS: Record<string, [string, Parse]> = {
  name_ko: ['name.ko', 'text'], name_en: ['name.en', 'text'], summary_ko: ['summary.ko', 'text'], department: ['department', 'text'],
  status: ['status', 'text'], start_date: ['startDate', 'text'], end_date: ['endDate', 'text'], field: ['field', 'text'],
  technology_types: ['technologyTypes', 'list'], functions_ko: ['functions.ko', 'text'], algorithm_ko: ['algorithm.ko', 'text'],
  vendor: ['vendor', 'text'], model: ['model', 'text'], purpose_ko: ['purpose.ko', 'text'], data_description_ko: ['data.description.ko', 'text'],
  datasets: ['data.datasets', 'datasets'], personal: ['personalInfo.processesPersonal', 'bool'], sensitive: ['personalInfo.sensitive', 'bool'],
  unique_identifier: ['personalInfo.uniqueIdentifier', 'bool'], legal_basis: ['personalInfo.legalBasis', 'list'],
  legal_basis_note: ['personalInfo.legalBasisNote', 'text'], automated_decision: ['personalInfo.automatedDecision', 'bool'],
  privacy_impact_assessment: ['personalInfo.privacyImpactAssessment', 'text'], effects_ko: ['effects.ko', 'text'], outcomes: ['outcomes', 'outcomes'],
  ethics_summary_ko: ['ethics.summary.ko', 'text'], human_oversight_ko: ['humanOversight.ko', 'text'], objection_ko: ['objection.ko', 'text'],
  ai_act_domain: ['aiAct.domain', 'text'], ai_act_effect: ['aiAct.effect', 'text'], ai_act_human_in_final_decision: ['aiAct.humanInFinalDecision', 'bool'],
  generative: ['aiAct.generative', 'bool'], generative_labelling: ['aiAct.generativeLabelling', 'text'], ai_act_measures: ['aiAct.measures', 'text'],
  budget_krw: ['budget.amountKrw', 'number'], programme: ['programme', 'text'], contact_department: ['contact.department', 'text'],
  contact_phone: ['contact.phone', 'text'], contact_email: ['contact.email', 'text'],
  ...Object.fromEntries(Object.keys(ETHICS_REQUIREMENTS).flatMap((k) => [
    [`ethics_${k}_level`, [`ethics.requirements.${k}.level`, 'text']],
    [`ethics_${k}_how`, [`ethics.requirements.${k}.how`, 'text']],
  ])),
};

const PARSERS: Record<Parse, NonNullable<Converter['in']>> = {
  text: (raw) => asText(raw),
  list: (raw) => asList(raw).map(asText).filter(Boolean),
  bool: (raw, ic) => {
    const b = typeof raw === 'boolean' ? raw : parseYesNo(asText(raw));
    if (b === undefined) ic.warn({ code: 'UNMAPPED_VALUE', value: asText(raw), message: `「${asText(raw)}」은(는) 예/아니오 값이 아닙니다.`, messageEn: `"${asText(raw)}" is not a yes/no value.` });
    return b;
  },
  number: (raw, ic) => {
    const n = Number(asText(raw).replace(/[,\s원]/g, ''));
    if (!Number.isFinite(n)) ic.warn({ code: 'UNMAPPED_VALUE', value: asText(raw), message: `「${asText(raw)}」은(는) 숫자가 아닙니다.`, messageEn: `"${asText(raw)}" is not a number.` });
    return Number.isFinite(n) ? n : undefined;
  },
  // "name | source | kind | personal", one per line (the export's own layout)
  datasets: (raw) => asText(raw).split('\n').filter((l) => l.trim()).map((l) => {
    const [name, sourceBody, kind, personal] = l.split('|').map((s) => s.trim());
    return { name, ...(sourceBody ? { sourceBody } : {}), ...(kind ? { kind } : {}), ...(personal ? { personal: personal === 'personal' } : {}) };
  }),
  // "name (unit): 2023-12-31=500, 2024-12-31=929", one indicator per line
  outcomes: (raw) => asText(raw).split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^(.*?)(?: \(([^()]*)\))?: (.*)$/.exec(l);
    const values = (m?.[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [date, value] = s.split('=');
      return { date: date?.trim(), value: Number(value) };
    });
    return { name: { ko: (m?.[1] ?? l).trim() }, ...(m?.[2] ? { unit: m[2] } : {}), values };
  }),
};

const toExportRecord = (d: any, c: RecordContext): ExportRecord => ({
  publicId: c.publicId ?? '', bodyCode: c.bodyCode ?? '', bodyName: c.bodyName?.ko ?? '', version: c.version ?? 0, publishedAt: c.publishedAt ?? '',
  isExample: c.isExample ?? false, highImpact: c.highImpact ?? false, disclosure: d,
});

registerConverters(Object.fromEntries(EXPORT_COLUMNS.map((col): [string, Converter] => {
  const path = PATHS[col.key];
  return [`gg.${col.key}`, {
    describe: path ? `registry export column, read back as ${path[1]}` : 'registry export column (context; not read back)',
    out: (_v, d, ctx) => {
      try {
        return col.value(toExportRecord(d, ctx));
      } catch {
        return undefined; // an incomplete draft
      }
    },
    ...(path ? { in: PARSERS[path[1]] } : {}),
  }];
})));

export const GG_COLUMNS: Mapping = {
  id: 'csv',
  title: 'Gyeonggi disclosure gg-1.0, export columns (CSV and xlsx)',
  version: 'gg-1.0',
  sources: ['src/features/disclosure/disclosure.fields.ts (EXPORT_COLUMNS)'],
  notes: ['The registry\'s own columns; every item is carried exactly except the outcome indicators\' English names and value notes; context columns (ID, body, version) are not read back.'],
  key: (v) => asText(v.name_ko).trim().toLowerCase(),
  fields: EXPORT_COLUMNS.map((col): FieldMap => ({
    field: col.key,
    label: col.label.en,
    gg: PATHS[col.key]?.[0] ?? (col.key === 'public_id' ? '@id' : `@${col.key}`),
    convert: `gg.${col.key}`,
    // The outcomes column has no room for English names or value notes.
    fidelity: col.key === 'outcomes' ? 'approximate' : 'exact',
    ...(col.key === 'outcomes' ? { note: 'English indicator names and value notes are not in the column' } : {}),
    required: col.key === 'name_ko',
    ...(['list', 'datasets', 'outcomes'].includes(PATHS[col.key]?.[1]) ? { emptyAs: [] } : {}),
  })),
};

/** Labels (Korean and English) also identify a column: the xlsx export's first row holds Korean labels. */
export const GG_COLUMN_LABELS: Record<string, string[]> = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.key, [c.label.ko, c.label.en]]));
