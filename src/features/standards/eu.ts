/**
 * The EU database for high-risk AI systems: the information of Annex VIII of the AI Act
 * (Regulation (EU) 2024/1689), sections A (providers, Art. 49(1)), B (providers of Annex III systems
 * found not high-risk, Art. 49(2)) and C (deployers, Art. 49(3)). The items are the Annex's; the
 * database publishes no exchange file, so the JSON keys are ours, named after the Annex points.
 */
import { registerConverters, asText, type CodeTable, type Mapping } from './mapping.ts';

export const EU_STATUS: CodeTable = {
  pairs: [
    ['operating', 'in service'],
    ['pilot', 'in service'],
    ['discontinued', 'no longer in service'],
    ['planned', 'not yet placed on the market or put into service'],
  ],
  aliases: {
    'on the market': 'operating', 'on the market, or in service': 'operating', 'placed on the market': 'operating',
    'no longer placed on the market': 'discontinued', 'no longer placed on the market/in service': 'discontinued', recalled: 'discontinued',
  },
};

registerConverters({
  'eu.notHighRiskGrounds': {
    describe: 'export: when the service is not high-impact, the reasoning of the AI Framework Act classification; empty when it is; import: kept in the source record',
    out: (_v, d, c) => (d?.aiAct && c.highImpact === false ? c.reasons?.map((r) => r.en).join('\n') : undefined),
  },
});

const A = 'section_a';
const B = 'section_b';
const C = 'section_c';

export const EU: Mapping = {
  id: 'eu',
  title: 'EU AI Act database, Annex VIII sections A–C',
  version: 'Regulation (EU) 2024/1689, Annex VIII',
  sources: ['Regulation (EU) 2024/1689 (AI Act), Annex VIII: section A (points 1–13) checked against the published text; sections B (points 1–9) and C (points 1–5) written from the Regulation but not re-read against it here (marked ⚠)'],
  notes: [
    'The EU database has no published exchange format: the JSON layout (section_a / section_b / section_c, keys named after the Annex points) is this registry\'s. Points 5 and 6 of section A each ask two things and are split in two keys.',
    'Section B points 1–5, 8 and 9 repeat section A points 1–5, 7 and 10 and are written once, in section A.',
    'A Gyeonggi body operating a service is its deployer (section C); the vendor is its provider (section A). The Korean AI Framework Act\'s "high-impact" is not the EU\'s "high-risk": the classification is exported as reasoning, never as an EU determination.',
  ],
  key: (v) => [v[`${C}.deployer`], v[`${A}.trade_name`]].map((x) => asText(x).trim().toLowerCase()).join('|'),
  fields: [
    { field: `${A}.provider`, label: 'A.1 Name, address and contact details of the provider', gg: 'vendor', fidelity: 'approximate', note: 'vendor name only; address and contact details are not in the Gyeonggi record' },
    { field: `${A}.submitted_on_behalf_by`, label: 'A.2 Person submitting on behalf of the provider', gg: null, fidelity: 'lost' },
    { field: `${A}.authorised_representative`, label: 'A.3 Authorised representative', gg: null, fidelity: 'lost' },
    { field: `${A}.trade_name`, label: 'A.4 AI system trade name', gg: 'name.en', convert: 'en', fidelity: 'exact', required: true },
    { field: `${A}.reference`, label: 'A.4 Additional unambiguous reference', gg: '@id', convert: '@id', fidelity: 'exact', note: 'the registry ID' },
    { field: `${A}.intended_purpose`, label: 'A.5 Intended purpose', gg: 'purpose.en', convert: 'en', fidelity: 'approximate', note: 'purpose of adoption, with background' },
    { field: `${A}.components_and_functions`, label: 'A.5 Components and functions supported', gg: 'functions.en', convert: 'en', fidelity: 'approximate' },
    { field: `${A}.data_and_inputs`, label: 'A.6 Information used by the system (data, inputs)', gg: 'data.description.en', convert: 'en', fidelity: 'exact' },
    { field: `${A}.operating_logic`, label: 'A.6 Operating logic', gg: 'algorithm.en', convert: 'en', fidelity: 'exact' },
    { field: `${A}.status`, label: 'A.7 Status', gg: 'status', convert: 'code', codes: EU_STATUS, fidelity: 'approximate', note: 'pilot is "in service"; "planned" has no Annex value and is written as not yet placed on the market; recalled → discontinued' },
    { field: `${A}.certificate`, label: 'A.8 Notified body certificate (type, number, expiry, body)', gg: null, fidelity: 'lost' },
    { field: `${A}.certificate_copy`, label: 'A.9 Scanned copy of the certificate', gg: null, fidelity: 'lost' },
    { field: `${A}.member_states`, label: 'A.10 Member States where placed on the market', gg: null, fidelity: 'lost' },
    { field: `${A}.declaration_of_conformity`, label: 'A.11 EU declaration of conformity', gg: null, fidelity: 'lost' },
    { field: `${A}.instructions_for_use`, label: 'A.12 Electronic instructions for use', gg: null, fidelity: 'lost' },
    { field: `${A}.more_information_url`, label: 'A.13 URL for additional information', gg: '@url', convert: '@url', fidelity: 'approximate', note: 'the registry page of the record' },
    { field: `${B}.not_high_risk_conditions`, label: 'B.6 Article 6(3) conditions met', gg: null, fidelity: 'lost', note: 'the Korean classification does not use the Article 6(3) conditions', unconfirmed: true },
    { field: `${B}.not_high_risk_grounds`, label: 'B.7 Summary of the grounds for not high-risk', gg: 'aiAct', convert: 'eu.notHighRiskGrounds', fidelity: 'approximate', unconfirmed: true },
    { field: `${C}.deployer`, label: 'C.1 Name, address and contact details of the deployer', gg: '@body', convert: '@body', fidelity: 'approximate', note: 'the operating body\'s name', unconfirmed: true },
    { field: `${C}.submitted_on_behalf_by`, label: 'C.2 Person submitting on behalf of the deployer', gg: null, fidelity: 'lost', unconfirmed: true },
    { field: `${C}.provider_entry_url`, label: 'C.3 URL of the provider\'s entry in the EU database', gg: null, fidelity: 'lost', unconfirmed: true },
    { field: `${C}.fria_summary`, label: 'C.4 Summary of the fundamental rights impact assessment (Art. 27)', gg: 'ethics.summary.en', convert: 'en', fidelity: 'approximate', note: 'ethical considerations against the national AI ethics standard ↔ fundamental rights impact assessment', unconfirmed: true },
    { field: `${C}.dpia_summary`, label: 'C.5 Summary of the data protection impact assessment', gg: 'personalInfo', convert: 'personalSummary', fidelity: 'approximate', unconfirmed: true },
  ],
};
