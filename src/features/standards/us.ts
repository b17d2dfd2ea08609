/**
 * The US federal AI use case inventory, as the consolidated CSV files of the annual data call:
 * 2024 (OMB M-24-10, 62 columns) and 2025 (OMB M-25-21, 35 columns as consolidated, with the
 * agencies' raw answers kept next to the normalized ones). Columns are keyed by short names; the
 * CSV header is the inventory's own question text.
 */
import { registerConverters, asText, type CodeTable, type FieldMap, type Mapping } from './mapping.ts';

export const US2025_STAGE: CodeTable = {
  pairs: [['planned', 'Pre-deployment'], ['pilot', 'Pilot'], ['operating', 'Deployed'], ['discontinued', 'Retired']],
  unmapped: ['Unknown'],
};

export const US2025_TOPIC: CodeTable = {
  pairs: [
    ['welfare', 'Government Benefits Processing'],
    ['health', 'Health & Medical'],
    ['safety', 'Emergency Management'],
    ['transport', 'Transportation'],
    ['environment', 'Energy & the Environment'],
    ['administration', 'Administrative Functions'],
    ['civil_service', 'Service Delivery'],
    ['economy', 'Other – Economic & Financial'],
    ['education', 'Education & Workforce'],
    ['agriculture', 'Agricultural Statistics'],
    ['tax', 'Procurement & Financial Management'],
  ],
  aliases: {
    'Government Services (includes Benefits and Service Delivery)': 'welfare',
    'Mission-Enabling (Internal Agency Support)': 'administration',
    'Human Resources': 'administration',
    'Information Technology': 'administration',
    'Cybersecurity': 'administration',
    'Law Enforcement': 'safety',
  },
  unmapped: ['Science', 'Science & Space', 'Law & Justice', 'International Affairs', 'Other'],
  otherwise: 'Other',
};

export const US2025_CLASSIFICATION: CodeTable = {
  pairs: [
    ['prediction', 'Classical/Predictive Machine Learning'],
    ['classification', 'Classical/Predictive Machine Learning'],
    ['anomaly_detection', 'Classical/Predictive Machine Learning'],
    ['recommendation', 'Classical/Predictive Machine Learning'],
    ['generative', 'Generative AI'],
    ['nlp', 'Natural Language Processing (NLP)'],
    ['speech', 'Natural Language Processing (NLP)'],
    ['computer_vision', 'Computer Vision'],
    ['optimisation', 'Reinforcement Learning'],
  ],
  aliases: { 'Natural Language Processing': 'nlp' },
  unmapped: ['Agentic AI', 'Agentic-AI', 'Other', 'Neither'],
  otherwise: 'Other',
  multi: '; ',
};

export const US2024_STAGE: CodeTable = {
  pairs: [['planned', 'Initiated'], ['pilot', 'Implementation and Assessment'], ['operating', 'Operation and Maintenance'], ['discontinued', 'Retired']],
  aliases: { 'Acquisition and/or Development': 'planned', Planned: 'planned', Ideation: 'planned', 'In production': 'operating', 'In mission': 'operating' },
};

export const US2024_TOPIC: CodeTable = {
  pairs: [
    ['welfare', 'Government Services (includes Benefits and Service Delivery)'],
    ['civil_service', 'Government Services (includes Benefits and Service Delivery)'],
    ['health', 'Health & Medical'],
    ['safety', 'Emergency Management'],
    ['transport', 'Transportation'],
    ['environment', 'Energy & the Environment'],
    ['administration', 'Mission-Enabling (internal agency support)'],
    ['education', 'Education & Workforce'],
  ],
  unmapped: ['Diplomacy & Trade', 'Law & Justice', 'Science & Space', 'Other'],
  otherwise: 'Other',
};

registerConverters({
  'us2024.impactType': {
    describe: 'export: high-impact with a safety effect → "Safety-Impacting", other high-impact → "Rights-Impacting", else "Neither"; import: kept in the source record',
    out: (_v, d, c) => (c.highImpact === undefined || !d?.aiAct ? undefined : !c.highImpact ? 'Neither' : d.aiAct.effect === 'safety' ? 'Safety-Impacting' : 'Rights-Impacting'),
  },
  'us2024.devMethod': {
    describe: 'export: "Developed with contracting resources." when a vendor is named, else "Developed in-house."; import: kept in the source record',
    out: (_v, d) => (d?.vendor ? 'Developed with contracting resources.' : d?.name ? 'Developed in-house.' : undefined),
  },
  'us.withoutHuman': {
    describe: 'can the AI act without direct human involvement: Yes ↔ no person in the final decision, No ↔ a person decides',
    out: (v) => (v === true ? 'No' : v === false ? 'Yes' : undefined),
    in: (raw) => {
      const k = asText(raw).trim().toLowerCase().replace(/^[a-z]\)\s*/, '');
      return /^(yes|y|true)\b/.test(k) ? false : /^(no|n|false)\b/.test(k) ? true : undefined;
    },
  },
});

const col = (field: string, header: string, rest: Omit<FieldMap, 'field' | 'header' | 'label'> & { label?: string }): FieldMap =>
  ({ field, header, label: rest.label ?? header, ...rest });

const usKey = (v: Record<string, unknown>) =>
  [v.agency, asText(v.use_case_id).trim() || v.use_case_name].map((x) => asText(x).trim().toLowerCase()).join('|');

export const US2025: Mapping = {
  id: 'us-2025',
  title: 'US federal AI use case inventory 2025 (OMB M-25-21)',
  version: '2025 consolidated inventory',
  sources: ['the header row of the consolidated 2025 inventory (2025-Federal-Agency-AI-Use-Case-Inventory, data/clean), 35 columns'],
  notes: [
    'CSV, one row per use case; headers are matched ignoring case, spacing and quote style; columns may come in any order; unknown columns are kept in the draft\'s source record.',
    'The "(Raw)" columns hold each agency\'s own answer, the columns next to them the consolidator\'s normalized value; only the normalized ones are read into the Gyeonggi record, both are kept.',
    '"[blank]" is read as empty. Yes/No answers also come as TRUE/FALSE. Agencies\' coded answers are read without their "a) " prefixes and explanations.',
    'Stray control characters (Windows-1252 punctuation read as Latin-1, e.g. U+0096 for "–") are turned back into the punctuation in the draft; the source record keeps the text as it was.',
  ],
  key: usKey,
  fields: [
    col('agency', 'Agency', { gg: '@body', convert: '@body', fidelity: 'approximate', note: 'the operating body' }),
    col('use_case_id', 'Use Case ID', { gg: '@id', convert: '@id', fidelity: 'approximate', note: 'the registry ID (GG-YYYY-NNNN) in place of the agency\'s ID' }),
    col('use_case_name', 'Use Case Name', { gg: 'name.en', convert: 'en', fidelity: 'exact', required: true }),
    col('bureau_component', 'Bureau/Component', { gg: 'department', fidelity: 'exact' }),
    col('stage_raw', 'Stage of Development (Raw)', { gg: null, fidelity: 'lost', note: 'the agency\'s own wording; the normalized stage is read' }),
    col('stage', 'Stage of Development', { gg: 'status', convert: 'code', codes: US2025_STAGE, fidelity: 'exact', note: 'four values each, one to one; "Unknown" has no status' }),
    col('high_impact_raw', 'Is the AI use case high-impact? (Raw)', { gg: null, fidelity: 'lost' }),
    col('high_impact', 'Is the AI use case high-impact?', { gg: 'aiAct', convert: 'highImpact', fidelity: 'approximate', note: 'OMB M-25-21 high-impact and the Korean high-impact AI are defined differently' }),
    col('justification', 'Justification', { gg: 'aiAct', convert: 'classificationReasons', fidelity: 'approximate' }),
    col('topic_area', 'Use Case Topic Area', { gg: 'field', convert: 'code', codes: US2025_TOPIC, fidelity: 'approximate', note: 'topic areas and fields of use overlap partly; Science and Law & Justice have no field' }),
    col('ai_classification', 'AI Classification', { gg: 'technologyTypes', convert: 'code', codes: US2025_CLASSIFICATION, fidelity: 'approximate', note: 'coarser classes; agentic AI has no technology type' }),
    col('problem', 'What problem is the AI intended to solve?', { gg: 'purpose.en', convert: 'en', fidelity: 'exact', note: 'the problem to solve ↔ purpose of adoption, with background' }),
    col('benefits', 'What are the expected benefits and positive outcomes from the AI for an agency\'s mission and/or the general public?', { label: 'Expected benefits and positive outcomes', gg: 'effects.en', convert: 'en', fidelity: 'approximate', note: 'expected benefits ↔ effects and outcomes' }),
    col('outputs', 'Describe the AI system\'s outputs.', { gg: 'functions.en', convert: 'en', fidelity: 'approximate', note: 'outputs ↔ functions' }),
    col('operational_date', 'Date when AI use case became operational or the pilot\'s start date', { label: 'Date operational or pilot start', gg: 'startDate', convert: 'date', fidelity: 'approximate', note: 'month- or year-only dates become the first day; unreadable dates stay in the source record' }),
    col('development_type', 'Was the system involved in this use case purchased from a vendor or developed under contract(s) or in-house?', { label: 'Purchased from a vendor or developed in-house', gg: 'vendor', convert: 'vendorInvolvement', fidelity: 'approximate' }),
    col('vendor', 'Vendor(s) Name', { gg: 'vendor', fidelity: 'exact' }),
    col('ato', 'Does this AI use case have an associated Authorization to Operate (ATO)?', { label: 'Authorization to Operate (ATO)', gg: null, fidelity: 'lost' }),
    col('system_name', 'System(s) Name', { gg: 'model', fidelity: 'approximate', note: 'system name ↔ model used' }),
    col('training_data', 'Describe any data used to train, fine-tune, and/or evaluate performance of the model(s) used in this use case.', { label: 'Data used to train, fine-tune or evaluate', gg: 'data.description.en', convert: 'en', fidelity: 'approximate', note: 'training and evaluation data ↔ data used and its sources' }),
    col('data_catalog_link', 'If the data is required to be publicly disclosed as an open government data asset, provide a link to the entry on the Federal Data Catalog.', { label: 'Federal Data Catalog link', gg: null, fidelity: 'lost' }),
    col('pii', 'Does this AI use case involve personally identifiable information (PII) that is maintained by the agency?', { label: 'Involves PII maintained by the agency', gg: 'personalInfo.processesPersonal', convert: 'yesno', fidelity: 'exact' }),
    col('pia_link', 'If publicly available, provide the link to the AI use case\'s associated Privacy Impact Assessment (PIA).', { label: 'Link to the Privacy Impact Assessment', gg: 'personalInfo.privacyImpactAssessment', convert: 'piaDone', fidelity: 'approximate' }),
    col('demographic_features', 'Which, if any, demographic variables does the AI use case explicitly use as model features?', { label: 'Demographic variables used as features', gg: null, fidelity: 'lost' }),
    col('custom_code', 'Does this project include custom-developed code?', { gg: null, fidelity: 'lost' }),
    col('code_link', 'If the code is open source, provide the link for the publicly available source code.', { label: 'Open-source code link', gg: null, fidelity: 'lost' }),
    col('pre_deployment_testing', 'Has pre-deployment testing been conducted for this AI use case?', { gg: null, fidelity: 'lost' }),
    col('impact_assessment', 'Has an AI impact assessment been completed for this AI use case?', { gg: null, fidelity: 'lost' }),
    col('potential_impacts', 'What are the potential impacts of using the AI for this particular use case and how were they identified?', { label: 'Potential impacts and how they were identified', gg: 'ethics.summary.en', convert: 'en', fidelity: 'approximate', note: 'impacts ↔ ethical considerations' }),
    col('independent_review', 'Has an independent review of the AI use case been conducted?', { gg: null, fidelity: 'lost' }),
    col('ongoing_monitoring', 'Is there a process to conduct ongoing monitoring to identify any adverse impacts to the performance and security of the AI functionality, as well as to privacy, civil rights, and civil liberties?', { label: 'Ongoing monitoring', gg: null, fidelity: 'lost' }),
    col('operator_training', 'Has the agency established sufficient and periodic training for operators of the AI to interpret and act on the its output and managed associated risks?', { label: 'Training for operators', gg: null, fidelity: 'lost' }),
    col('fail_safe', 'Does this AI use case have an appropriate fail-safe that minimizes the risk of significant harm?', { label: 'Fail-safe', gg: null, fidelity: 'lost' }),
    col('appeal_process', 'Is there an established appeal process in the event that an impacted individual would like to appeal or contest the AI system\'s outcome?', { label: 'Appeal process', gg: 'objection.en', convert: 'en', fidelity: 'approximate', note: 'a coded answer ↔ how to object or ask for a human decision (free text)' }),
    col('consultation', 'What steps has the agency taken to consult and incorporate feedback from end users of this AI use case and the public?', { label: 'Consultation of end users and the public', gg: null, fidelity: 'lost' }),
  ],
};

const u = true;
const lost = (field: string, header: string, label?: string): FieldMap => col(field, header, { label, gg: null, fidelity: 'lost', unconfirmed: u });
const OTHER = 'If Other, please explain.';

export const US2024: Mapping = {
  id: 'us-2024',
  title: 'US federal AI use case inventory 2024 (OMB M-24-10)',
  version: '2024 consolidated inventory',
  sources: ['the 62 column headers of OMB\'s consolidated 2024 inventory (2024_consolidated_ai_inventory_raw_v2.csv) as listed by a public 2024↔2025 crosswalk; not checked against the file itself (marked ⚠)'],
  notes: [
    'CSV, one row per use case. The header "If Other, please explain." occurs nine times and "If No, please explain." once: repeated headers are matched by their order.',
    'Headers are matched ignoring case, spacing and quote style (the 2024 file uses curly apostrophes and some headers end with a space).',
  ],
  key: usKey,
  fields: [
    col('use_case_name', 'Use Case Name', { gg: 'name.en', convert: 'en', fidelity: 'exact', required: true, unconfirmed: u }),
    col('agency', 'Agency', { gg: '@body', convert: '@body', fidelity: 'approximate', unconfirmed: u, note: 'the operating body' }),
    lost('agency_abbreviation', 'Agency Abbreviation'),
    col('bureau', 'Bureau', { gg: 'department', fidelity: 'exact', unconfirmed: u }),
    col('topic_area', 'Use Case Topic Area', { gg: 'field', convert: 'code', codes: US2024_TOPIC, fidelity: 'approximate', unconfirmed: u, note: 'the 2024 value list is only partly confirmed' }),
    lost('topic_area_other', 'Other (Use Case Topic Area)'),
    lost('commercial_ai', 'Is the AI use case found in the below list of general commercial AI products and services?', 'Commercial AI product'),
    col('purpose_benefits', 'What is the intended purpose and expected benefits of the AI?', { gg: 'purpose.en', convert: 'en', fidelity: 'approximate', unconfirmed: u, note: 'purpose and benefits in one answer ↔ purpose of adoption' }),
    col('outputs', 'Describe the AI system’s outputs.', { gg: 'functions.en', convert: 'en', fidelity: 'approximate', unconfirmed: u, note: 'outputs ↔ functions' }),
    col('stage', 'Stage of Development', { gg: 'status', convert: 'code', codes: US2024_STAGE, fidelity: 'approximate', unconfirmed: u, note: 'five life-cycle stages ↔ four statuses; acquisition/development is planned' }),
    col('impact_type', 'Is the AI use case rights-impacting, safety-impacting, both, or neither?', { label: 'Rights-impacting, safety-impacting, both or neither', gg: 'aiAct', convert: 'us2024.impactType', fidelity: 'approximate', unconfirmed: u, note: 'OMB M-24-10 categories and the Korean high-impact AI are defined differently' }),
    lost('date_initiated', 'Date Initiated'),
    lost('date_acq_dev_began', 'Date when Acquisition and/or Development began'),
    col('date_implemented', 'Date Implemented', { gg: 'startDate', convert: 'date', fidelity: 'approximate', unconfirmed: u }),
    col('date_retired', 'Date Retired', { gg: 'endDate', convert: 'date', fidelity: 'approximate', unconfirmed: u }),
    col('dev_method', 'Was the AI system involved in this use case developed (or is it to be developed) under contract(s) or in-house? ', { label: 'Developed under contract or in-house', gg: 'vendor', convert: 'us2024.devMethod', fidelity: 'approximate', unconfirmed: u }),
    lost('contract_piids', 'Provide the Procurement Instrument Identifier(s) (PIID) of the contract(s) used.', 'Contract PIIDs'),
    lost('hisp_support', 'Is this AI use case supporting a High-Impact Service Provider (HISP) public-facing service?', 'Supports a HISP service'),
    lost('hisp_name', 'Which HISP is the AI use case supporting?'),
    lost('public_service', 'Which public-facing service is the AI use case supporting?'),
    lost('public_info', 'Does this AI use case disseminate information to the public?'),
    lost('iqa_compliance', 'How is the agency ensuring compliance with Information Quality Act guidelines, if applicable?', 'Information Quality Act compliance'),
    col('contains_pii', 'Does this AI use case involve personally identifiable information (PII) that is maintained by the agency?', { label: 'Involves PII maintained by the agency', gg: 'personalInfo.processesPersonal', convert: 'yesno', fidelity: 'exact', unconfirmed: u }),
    col('saop_review', 'Has the Senior Agency Official for Privacy (SAOP) assessed the privacy risks associated with this AI use case?', { label: 'Privacy risks assessed by the SAOP', gg: 'personalInfo.privacyImpactAssessment', convert: 'piaYesNo', fidelity: 'approximate', unconfirmed: u }),
    lost('data_catalog', 'Do you have access to an enterprise data catalog or agency-wide data repository that enables you to identify whether or not the necessary datasets exist and are ready to develop your use case?', 'Access to an enterprise data catalog'),
    lost('data_catalog_other', OTHER, 'If Other, please explain (data catalog)'),
    col('agency_data', 'Describe any agency-owned data used to train, fine-tune, and/or evaluate performance of the model(s) used in this use case.', { label: 'Agency-owned data used to train or evaluate', gg: 'data.description.en', convert: 'en', fidelity: 'approximate', unconfirmed: u }),
    lost('data_docs', 'Is there available documentation for the model training and evaluation data that demonstrates the degree to which it is appropriate to be used in analysis or for making predictions?', 'Documentation of training data'),
    lost('demo_features', 'Which, if any, demographic variables does the AI use case explicitly use as model features?', 'Demographic variables used as features'),
    lost('demo_features_other', OTHER, 'If Other, please explain (demographic variables)'),
    lost('custom_code', 'Does this project include custom-developed code?'),
    lost('code_access', 'Does the agency have access to the code associated with the AI use case?'),
    lost('code_link', 'If the code is open-source, provide the link for the publicly available source code.', 'Open-source code link'),
    lost('has_ato', 'Does this AI use case have an associated Authority to Operate (ATO) for an AI system?', 'Authority to Operate (ATO)'),
    col('system_name', 'System Name', { gg: 'model', fidelity: 'approximate', unconfirmed: u, note: 'system name ↔ model used' }),
    lost('dev_tools_wait', 'How long have you waited for the necessary developer tools to implement the AI use case? ', 'Wait for developer tools'),
    lost('infra_provisioned', 'For this AI use case, is the required IT infrastructure provisioned via a centralized intake form or process inside the agency?', 'IT infrastructure provisioning'),
    lost('infra_provisioned_other', OTHER, 'If Other, please explain (infrastructure)'),
    lost('compute_request', 'Do you have a process in place to request access to computing resources for model training and development of the AI involved in this use case?', 'Process to request computing resources'),
    lost('compute_request_other', OTHER, 'If Other, please explain (computing resources)'),
    lost('timely_resources', 'Has communication regarding the provisioning of your requested resources been timely?', 'Timely provisioning'),
    lost('timely_resources_other', OTHER, 'If Other, please explain (provisioning)'),
    lost('existing_reuse', 'How are existing data science tools, libraries, data products, and internally-developed AI infrastructure being re-used for the current AI use case?', 'Re-use of existing tools'),
    lost('internal_review', 'Has information regarding the AI use case, including performance metrics and intended use of the model, been made available for review and feedback within the agency?', 'Internal review'),
    lost('extension_request', 'Has your agency requested an extension to implement the minimum risk management practices for this AI use case?', 'Extension requested'),
    lost('impact_assessment', 'Has an AI impact assessment been conducted for this AI use case?', 'AI impact assessment conducted'),
    lost('real_world_testing', 'Has the AI use case been tested in operational or real-world environments to understand the performance and impact it may have on affected individuals or communities?', 'Real-world testing'),
    col('key_risks', 'What are the key risks from using the AI for this particular use case and how were they identified?', { label: 'Key risks and how they were identified', gg: 'ethics.summary.en', convert: 'en', fidelity: 'approximate', unconfirmed: u, note: 'risks ↔ ethical considerations' }),
    lost('independent_eval', 'Has an independent evaluation of the AI use case been conducted?', 'Independent evaluation'),
    lost('monitor_postdeploy', 'Is there a process to monitor performance of the AI system’s functionality and changes to its impact on rights or safety as part of the post-deployment plan for the AI use case?', 'Post-deployment monitoring'),
    col('autonomous_impact', 'For this particular use case, can the AI carry out a decision or action without direct human involvement that could result in a significant impact on rights or safety?', { label: 'Acts without direct human involvement', gg: 'aiAct.humanInFinalDecision', convert: 'us.withoutHuman', fidelity: 'approximate', unconfirmed: u, note: 'inverted: "Yes" means no person in the final decision' }),
    lost('autonomous_impact_other', OTHER, 'If Other, please explain (human involvement)'),
    lost('ai_notice', 'How is the agency providing reasonable and timely notice regarding the use of AI when people interact with an AI-enabled service as a result of this AI use case?', 'Notice of AI use'),
    lost('ai_notice_other', OTHER, 'If Other, please explain (notice)'),
    lost('adverse_impact', 'Is the AI used to significantly influence or inform decisions or actions that could have an adverse or negative impact on specific individuals or groups?', 'Influences decisions with adverse impact'),
    lost('disparity_mitigation', 'What steps has the agency taken to detect and mitigate significant disparities in the model’s performance across demographic groups for this AI use case?', 'Disparity mitigation'),
    lost('stakeholder_consult', 'What steps has the agency taken to consult and incorporate feedback from groups affected by this AI use case?', 'Consultation of affected groups'),
    lost('stakeholder_consult_other', OTHER, 'If Other, please explain (consultation)'),
    col('appeal_process', 'Is there an established fallback and escalation process for this AI use case in the event that an impacted individual or group would like to appeal or contest the AI system’s outcome?', { label: 'Fallback and appeal process', gg: 'objection.en', convert: 'en', fidelity: 'approximate', unconfirmed: u }),
    lost('no_appeal_reason', 'If No, please explain.', 'If No, please explain (appeal)'),
    lost('opt_out', 'Where practicable and consistent with applicable law and governmentwide policy, is there an established mechanism for individuals to opt-out from the AI functionality in favor of a human alternative?', 'Opt-out to a human alternative'),
    lost('opt_out_other', OTHER, 'If Other, please explain (opt-out)'),
  ],
};
