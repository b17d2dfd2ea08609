/**
 * The UK Algorithmic Transparency Recording Standard (ATRS), tier 1 and tier 2, as JSON records
 * nested by tier and section. Tier 1 and the first owner fields are named as in GOV.UK's published
 * data standard (v1.1 attribute list); the other tier 2 names follow the v2.1/v3 template sections
 * as used by public implementations of the template and are marked unconfirmed.
 */
import { registerConverters, asList, asText, type CodeTable, type Mapping } from './mapping.ts';
import { TECH_TYPES } from '../disclosure/codes.ts';

export const UK_PHASE: CodeTable = {
  pairs: [['planned', 'Pre-deployment'], ['pilot', 'Beta/Pilot'], ['operating', 'Production'], ['discontinued', 'Retired']],
  aliases: {
    'beta-pilot': 'pilot', beta: 'pilot', pilot: 'pilot', 'private-beta': 'pilot', 'public-beta': 'pilot', 'private beta': 'pilot', 'public beta': 'pilot',
    idea: 'planned', discovery: 'planned', alpha: 'planned', design: 'planned', development: 'planned', 'pre-deployment': 'planned',
    production: 'operating', live: 'operating', 'in production': 'operating', retired: 'discontinued', decommissioned: 'discontinued',
  },
};

export const UK_TASK: CodeTable = {
  pairs: Object.entries(TECH_TYPES).map(([k, v]) => [k, v.en] as [string, string]),
  multi: '; ',
};

const T1 = 'tier_1_information';
const OWNER = 'tier_2_information.owner_and_responsibility';
const DESC = 'tier_2_information.description_and_rationale';
const DEC = 'tier_2_information.decision_making_process';
const TOOL = 'tier_2_information.tool_specification';
const MODEL = 'tier_2_information.model_specification';
const DATA = 'tier_2_information.data_specification';
const RISK = 'tier_2_information.risks_mitigations_and_impact_assessments';

registerConverters({
  'uk.supplierInvolvement': {
    describe: 'export: "Yes" when a vendor is named, else "No"; import: kept in the source record',
    out: (v, d) => (d?.name ? (v ? 'Yes' : 'No') : undefined),
  },
  'uk.impactAssessments': {
    describe: 'privacy impact assessment done ↔ an entry { name: "Privacy impact assessment (PIPA)" }; import: an entry naming DPIA/PIA → done',
    out: (v) => (v === 'done' ? [{ name: 'Privacy impact assessment (Personal Information Protection Act)', description: '', date: '', link: '' }] : undefined),
    in: (raw) => (asList(raw).some((x) => /\b(dpia|pia|privacy|data protection)\b/i.test(asText(typeof x === 'object' && x ? (x as any).name ?? (x as any).title ?? (x as any).assessment_title ?? '' : x))) ? 'done' : undefined),
  },
  'uk.risks': {
    describe: 'operator measures ↔ one risk entry { name: "Operator measures", mitigation }; import: the mitigations of all entries, one per paragraph',
    out: (v) => (typeof v === 'string' && v ? [{ name: 'Operator measures (AI Framework Act)', description: '', mitigation: v }] : undefined),
    in: (raw) => {
      const parts = asList(raw).map((x) => (typeof x === 'object' && x !== null
        ? [(x as any).name ?? (x as any).risk_name, (x as any).description ?? (x as any).risk_description, (x as any).mitigation ?? (x as any).risk_mitigation]
          .filter((s) => typeof s === 'string' && s.trim() && s !== 'Operator measures (AI Framework Act)').join(': ')
        : asText(x))).filter((s) => s.trim() !== '');
      return parts.length ? parts.join('\n\n') : undefined;
    },
  },
});

const u = true; // unconfirmed field name

export const UK: Mapping = {
  id: 'uk',
  title: 'Algorithmic Transparency Recording Standard (UK), tier 1 and tier 2',
  version: '2.1 / 3.0 template',
  sources: [
    'GOV.UK, Algorithmic Transparency Standard v1.1 data standard (CSV attribute list): name, description, website, contact_email, organisation, team, senior_responsible_owner, external_supplier',
    'GOV.UK, Algorithmic Transparency Recording Standard v2.1 (section numbering 2.1.4.1–2.1.4.5 for supplier details)',
    'section and field names of tier 2 sections 2–5 as used by public implementations of the ATRS template (not checked against the official template text: marked ⚠)',
  ],
  notes: [
    'The ATRS has no bulk exchange file; records are JSON objects nested as tier_1_information and tier_2_information.<section>.<field> (an array of them, or { items: [...] }). CSV with dotted column names (tier_1_information.name, …) is also read.',
    'English text is exported where the Gyeonggi record has it, Korean otherwise; imported English text fills the English slots.',
  ],
  key: (v) => [v[`${OWNER}.organisation`], v[`${T1}.name`]].map((x) => asText(x).trim().toLowerCase()).join('|'),
  fields: [
    { field: `${T1}.name`, label: '1.1 Name', gg: 'name.en', convert: 'en', fidelity: 'exact', required: true },
    { field: `${T1}.description`, label: '1.2 Description (how and why the tool is used)', gg: 'summary.en', convert: 'en', fidelity: 'exact' },
    { field: `${T1}.website`, label: '1.3 Website URL', gg: null, fidelity: 'lost', note: 'no Gyeonggi item for a web page about the tool' },
    { field: `${T1}.contact_email`, label: '1.4 Contact email', gg: 'contact.email', fidelity: 'exact' },
    { field: `${OWNER}.organisation`, label: '2.1.1 Organisation or department', gg: '@body', convert: '@body', fidelity: 'approximate', note: 'the operating body' },
    { field: `${OWNER}.team`, label: '2.1.2 Team', gg: 'department', fidelity: 'exact' },
    { field: `${OWNER}.senior_responsible_owner`, label: '2.1.3 Senior responsible owner', gg: null, fidelity: 'lost', note: 'no accountable-role item in the Gyeonggi record' },
    { field: `${OWNER}.external_supplier_involvement`, label: '2.1.4 External supplier involvement', gg: 'vendor', convert: 'uk.supplierInvolvement', fidelity: 'approximate', unconfirmed: u },
    { field: `${OWNER}.external_supplier`, label: '2.1.4.1 External supplier', gg: 'vendor', fidelity: 'exact' },
    { field: `${OWNER}.companies_house_number`, label: '2.1.4.2 Companies House number', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${OWNER}.external_supplier_role`, label: '2.1.4.3 Role of external supplier', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${OWNER}.procurement_procedure_type`, label: '2.1.4.4 Procurement procedure type', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${OWNER}.data_access_terms`, label: '2.1.4.5 Terms of access to data for the supplier', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DESC}.detailed_description`, label: '2.2.1 Detailed description', gg: 'functions.en', convert: 'en', fidelity: 'approximate', unconfirmed: u, note: 'detailed description ↔ functions' },
    { field: `${DESC}.scope`, label: '2.2.2 Scope', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DESC}.benefit`, label: '2.2.3 Benefit', gg: 'effects.en', convert: 'en', fidelity: 'approximate', unconfirmed: u, note: 'expected benefits ↔ effects and outcomes achieved' },
    { field: `${DESC}.previous_process`, label: '2.2.4 Previous process', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DESC}.alternatives_considered`, label: '2.2.5 Alternatives considered', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DEC}.process_integration`, label: '2.3.1 Process integration', gg: 'aiAct.interventionPoint', fidelity: 'approximate', unconfirmed: u, note: 'how the tool fits the decision process ↔ where a person intervenes' },
    { field: `${DEC}.provided_information`, label: '2.3.2 Provided information', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DEC}.frequency_and_scale_of_usage`, label: '2.3.3 Frequency and scale of usage', gg: 'outcomes', convert: 'outcomesText', fidelity: 'approximate', unconfirmed: u, note: 'outcome indicators (e.g. people covered per year) as text' },
    { field: `${DEC}.human_decisions_and_review`, label: '2.3.4 Human decisions and review', gg: 'humanOversight.en', convert: 'en', fidelity: 'exact', unconfirmed: u },
    { field: `${DEC}.required_training`, label: '2.3.5 Required training', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DEC}.appeals_and_review`, label: '2.3.6 Appeals and review', gg: 'objection.en', convert: 'en', fidelity: 'exact', unconfirmed: u },
    { field: `${TOOL}.system_architecture`, label: '2.4.1.1 System architecture', gg: 'algorithm.en', convert: 'en', fidelity: 'approximate', unconfirmed: u, note: 'architecture ↔ algorithm and how it works' },
    { field: `${TOOL}.phase`, label: '2.4.1.2 Phase', gg: 'status', convert: 'code', codes: UK_PHASE, fidelity: 'approximate', unconfirmed: u, note: 'the value list of the template is not confirmed; GOV.UK\'s finder uses slugs such as beta-pilot and production, which are read too' },
    { field: `${TOOL}.maintenance`, label: '2.4.1.3 Maintenance', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${TOOL}.models`, label: '2.4.1.4 Models', gg: 'model', fidelity: 'exact', unconfirmed: u },
    { field: `${MODEL}.model_task`, label: '2.4.2 Model task', gg: 'technologyTypes', convert: 'code', codes: UK_TASK, fidelity: 'approximate', unconfirmed: u, note: 'technology types as their English labels; free-text tasks that match no label are warned about' },
    { field: `${MODEL}.model_architecture`, label: '2.4.2 Model architecture', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${MODEL}.model_performance`, label: '2.4.2 Model performance', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.source_data_name`, label: '2.4.3 Source data name', gg: 'data.datasets', convert: 'datasetNames', fidelity: 'approximate', unconfirmed: u },
    { field: `${DATA}.data_modality`, label: '2.4.3 Data modality', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.data_description`, label: '2.4.3 Data description', gg: 'data.description.en', convert: 'en', fidelity: 'exact', unconfirmed: u },
    { field: `${DATA}.data_quantities`, label: '2.4.3 Data quantities', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.sensitive_attributes`, label: '2.4.3 Sensitive attributes', gg: 'personalInfo', convert: 'personalSummary', fidelity: 'approximate', unconfirmed: u },
    { field: `${DATA}.data_completeness_and_representativeness`, label: '2.4.3 Completeness and representativeness', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.source_data_url`, label: '2.4.3 Source data URL', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.data_collection`, label: '2.4.3 Data collection', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.data_cleaning`, label: '2.4.3 Data cleaning', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.data_sharing_agreements`, label: '2.4.3 Data sharing agreements', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${DATA}.data_access_and_storage`, label: '2.4.3 Data access and storage', gg: null, fidelity: 'lost', unconfirmed: u },
    { field: `${RISK}.impact_assessments`, label: '2.5.1 Impact assessments [{name, description, date, link}]', gg: 'personalInfo.privacyImpactAssessment', convert: 'uk.impactAssessments', kind: 'objects', fidelity: 'approximate', unconfirmed: u, note: 'only the privacy impact assessment has a Gyeonggi item' },
    { field: `${RISK}.risks`, label: '2.5.2 Risks [{name, description, mitigation}]', gg: 'aiAct.measures', convert: 'uk.risks', kind: 'objects', fidelity: 'approximate', unconfirmed: u, note: 'risks and mitigations ↔ the operator measures of the AI Framework Act' },
  ],
};
