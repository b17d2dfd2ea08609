/**
 * The Netherlands' Algoritmeregister, publication standard 1.0 (publicatiestandaard), as JSON
 * records with the standard's own field names. Field names, limits and permitted values are those of
 * the register's schema `backend/app/schemas/config/v1_0.json` (MinBZK/Algoritmeregister).
 */
import { registerConverters, asList, asText, codeKey, type CodeTable, type Mapping } from './mapping.ts';

/** Thema (max 3) ↔ 활용 분야. The Dutch list is the standard's permitted values. */
export const NL_CATEGORY: CodeTable = {
  pairs: [
    ['welfare', 'Sociale zekerheid'],
    ['health', 'Zorg en gezondheid'],
    ['safety', 'Openbare orde en veiligheid'],
    ['transport', 'Verkeer'],
    ['environment', 'Natuur en milieu'],
    ['administration', 'Organisatie en bedrijfsvoering'],
    ['civil_service', 'Organisatie en bedrijfsvoering'],
    ['economy', 'Economie'],
    ['culture', 'Cultuur en recreatie'],
    ['education', 'Onderwijs en wetenschap'],
    ['agriculture', 'Natuur en milieu'],
    ['urban', 'Wonen'],
    ['tax', 'Overheidsfinanciën'],
  ],
  aliases: { Werk: 'economy', 'Ruimte en infrastructuur': 'urban' },
  unmapped: ['Internationaal', 'Migratie en integratie', 'Recht'],
  multi: '; ',
};

export const NL_STATUS: CodeTable = {
  pairs: [['planned', 'In ontwikkeling'], ['operating', 'In gebruik'], ['pilot', 'In gebruik'], ['discontinued', 'Buiten gebruik']],
};

registerConverters({
  'nl.category': {
    describe: 'Thema list (max 3) ↔ field of use: export the one Thema of the field; import the first Thema that has a field (more Thema values are warned about)',
    out: (v) => {
      const t = NL_CATEGORY.pairs.find(([gg]) => gg === v)?.[1];
      return t ? [t] : undefined;
    },
    in: (raw, ic) => {
      const found: string[] = [];
      for (const item of asList(raw)) {
        const k = codeKey(asText(item));
        const gg = NL_CATEGORY.pairs.find(([, nl]) => codeKey(nl) === k)?.[0] ?? Object.entries(NL_CATEGORY.aliases!).find(([a]) => codeKey(a) === k)?.[1];
        if (gg) found.push(gg);
        else ic.warn({ code: 'UNMAPPED_VALUE', value: asText(item), message: `Thema 「${asText(item)}」에 맞는 활용 분야가 없습니다.`, messageEn: `Thema "${asText(item)}" has no Gyeonggi field of use.` });
      }
      if (found.length > 1) ic.warn({ code: 'VALUES_DROPPED', value: found.slice(1).join(', '), message: '활용 분야는 하나만 둘 수 있어 첫 번째 Thema만 옮겼습니다 (나머지는 원본 기록에 남아 있음).', messageEn: 'The Gyeonggi record has one field of use; only the first Thema was taken (the rest stay in the source record).' });
      return found[0];
    },
  },
  'nl.publicationCategory': {
    describe: 'export: high-impact → "Hoog-risico AI-systeem"; a significant effect or an automated decision → "Impactvolle algoritmes"; else "Overige algoritmes"; import: kept in the source record',
    out: (_v, d, c) => {
      if (!d?.aiAct) return undefined;
      if (c.highImpact) return 'Hoog-risico AI-systeem';
      return d.aiAct.effect !== 'none' || d.personalInfo?.automatedDecision ? 'Impactvolle algoritmes' : 'Overige algoritmes';
    },
  },
  'nl.impactAssessments': {
    describe: 'privacy impact assessment done ↔ an entry "Data Protection Impact Assessment (DPIA)" (without link); import: an entry naming DPIA/PIA → done',
    out: (v) => (v === 'done' ? [{ title: 'Data Protection Impact Assessment (DPIA)', link: '' }] : undefined),
    in: (raw) => (asList(raw).some((x) => /\b(dpia|pia|privacy|gegevensbescherming)\b/i.test(asText(typeof x === 'object' && x ? (x as any).title ?? '' : x))) ? 'done' : undefined),
  },
  'nl.sourceDataGroup': {
    describe: 'datasets ↔ [{ title, link }]: title = dataset name; link is not carried (export empty)',
    out: (v) => (Array.isArray(v) && v.length ? v.map((s: any) => ({ title: s?.name ?? '', link: '' })) : undefined),
    in: (raw) => {
      const names = asList(raw).map((x) => asText(typeof x === 'object' && x !== null ? (x as any).title ?? '' : x).trim()).filter(Boolean);
      return names.length ? names.map((name) => ({ name })) : undefined;
    },
  },
  'nl.lang': {
    describe: 'export: "eng" when the record has English text, else "kor" (the Dutch register permits only "nld"); import: kept in the source record',
    out: (_v, d) => (d?.name ? (d.name.en ? 'eng' : 'kor') : undefined),
  },
});

export const NL: Mapping = {
  id: 'nl',
  title: 'Algoritmeregister (Netherlands), publicatiestandaard',
  version: '1.0',
  sources: [
    'MinBZK/Algoritmeregister, backend/app/schemas/config/v1_0.json (field names, limits, permitted values)',
  ],
  notes: [
    'Records are JSON objects with the standard\'s field names (an array, or { items: [...] }); CSV with the same column names is also read.',
    'The register\'s text is Dutch (B1 level). The Gyeonggi record has Korean and English slots only, so imported Dutch text is kept in the English slot and every item needs a Korean translation before submission.',
    'Fields asked for in pre-1.0 drafts of the standard (type, impact, decision_making_process, documentation) are not in version 1.0 and are not mapped.',
  ],
  key: (v) => [v.organization, v.source_id || v.lars || v.name].map((x) => asText(x).trim().toLowerCase()).join('|'),
  fields: [
    { field: 'name', label: 'Naam (max 100)', gg: 'name.en', convert: 'en', fidelity: 'approximate', required: true, note: 'Dutch text in the English slot; Gyeonggi names may be longer than 100 characters' },
    { field: 'description_short', label: 'Korte omschrijving (max 350)', gg: 'summary.en', convert: 'en', fidelity: 'approximate', note: 'Dutch text in the English slot; longer Gyeonggi summaries (up to 1,000) exceed the Dutch limit' },
    { field: 'organization', label: 'Organisatie', gg: '@body', convert: '@body', fidelity: 'approximate', note: 'TOOI organisation name in the Dutch register; here the operating body' },
    { field: 'category', label: 'Thema (max 3)', gg: 'field', convert: 'nl.category', kind: 'list', codes: NL_CATEGORY, fidelity: 'approximate', note: 'one Gyeonggi field ↔ up to three Dutch themes; several fields share a theme' },
    { field: 'status', label: 'Status', gg: 'status', convert: 'code', codes: NL_STATUS, fidelity: 'approximate', note: 'pilot is exported as "In gebruik" (the standard: "in development and in use → In gebruik"); on import "In gebruik" becomes operating' },
    { field: 'begin_date', label: 'Begindatum (YYYY-MM)', gg: 'startDate', convert: 'month', fidelity: 'approximate', note: 'month precision' },
    { field: 'end_date', label: 'Einddatum (YYYY-MM)', gg: 'endDate', convert: 'month', fidelity: 'approximate', note: 'month precision' },
    { field: 'contact_email', label: 'Contactgegevens', gg: 'contact.email', fidelity: 'approximate', note: 'the Dutch field also takes a website address; the Gyeonggi field is an email address (other values are warned about)' },
    { field: 'website', label: 'Link naar publiekspagina', gg: null, fidelity: 'lost', note: 'no Gyeonggi item for a public web page' },
    { field: 'publication_category', label: 'Publicatiecategorie', gg: 'aiAct', convert: 'nl.publicationCategory', fidelity: 'approximate', note: 'the Dutch categories follow the EU AI Act (high-risk) and the Dutch guidance (impactful); derived from the AI Framework Act classification' },
    { field: 'url', label: 'Link naar bronregistratie', gg: '@url', convert: '@url', fidelity: 'approximate', note: 'the registry page of the record' },
    { field: 'goal', label: 'Doel en impact', gg: 'purpose.en', convert: 'en', fidelity: 'approximate', note: 'purpose of adoption; the Dutch field also asks for the impact on residents, which the Gyeonggi record gives under effects (not merged)' },
    { field: 'proportionality', label: 'Afwegingen', gg: 'ethics.summary.en', convert: 'en', fidelity: 'approximate', note: 'weighing of benefits and drawbacks, including ethics ↔ summary of ethical considerations' },
    { field: 'human_intervention', label: 'Menselijke tussenkomst', gg: 'humanOversight.en', convert: 'en', fidelity: 'exact', note: 'same question: how people use, check and correct the outcomes' },
    { field: 'risks', label: 'Risicobeheer', gg: 'aiAct.measures', fidelity: 'approximate', note: 'risk management ↔ the operator measures of the AI Framework Act (risk management, explanation, documentation, impact assessment)' },
    { field: 'lawful_basis', label: 'Wettelijke basis', gg: 'personalInfo.legalBasisNote', fidelity: 'approximate', note: 'legal basis of the process ↔ notes on the legal basis for personal information; the coded PIPA bases are not exported' },
    { field: 'lawful_basis_grouping', label: 'Verwijzingen wettelijke basis [{title, link}]', gg: null, kind: 'objects', fidelity: 'lost', note: 'no links to legislation in the Gyeonggi record' },
    { field: 'process_index_url', label: 'Link naar verwerkingsregister', gg: null, fidelity: 'lost' },
    { field: 'impacttoetsen_grouping', label: 'Impacttoetsen [{title, link}]', gg: 'personalInfo.privacyImpactAssessment', convert: 'nl.impactAssessments', kind: 'objects', fidelity: 'approximate', note: 'only the privacy impact assessment (PIPA) has a Gyeonggi item; IAMA and other assessments stay in the source record' },
    { field: 'impacttoetsen', label: 'Toelichting op impacttoetsen', gg: null, fidelity: 'lost' },
    { field: 'source_data', label: 'Gegevens', gg: 'data.description.en', convert: 'en', fidelity: 'exact', note: 'the data used and its sources' },
    { field: 'source_data_grouping', label: 'Verwijzingen gegevensbronnen [{title, link}]', gg: 'data.datasets', convert: 'nl.sourceDataGroup', kind: 'objects', fidelity: 'approximate', note: 'dataset names only: links are lost on import, kind and personal flag on export' },
    { field: 'methods_and_models', label: 'Technische werking', gg: 'algorithm.en', convert: 'en', fidelity: 'exact', note: 'how the algorithm works' },
    { field: 'provider', label: 'Leverancier', gg: 'vendor', fidelity: 'exact' },
    { field: 'publiccode', label: 'Link naar broncode', gg: null, fidelity: 'lost' },
    { field: 'lang', label: 'Taal (ISO 639-3)', gg: 'name', convert: 'nl.lang', fidelity: 'approximate' },
    { field: 'standard_version', label: 'Versie publicatiestandaard', gg: '@constant', convert: 'constant', fidelity: 'approximate', note: 'always «1.0»' },
    { field: 'source_id', label: 'Bron-ID', gg: '@id', convert: '@id', fidelity: 'exact', note: 'the unique code in the owner\'s register: the Gyeonggi registry ID' },
    { field: 'tags', label: 'Zoektermen', gg: null, fidelity: 'lost' },
    { field: 'lars', label: 'Algoritme-ID (assigned by the register)', gg: null, fidelity: 'lost', note: 'assigned by the Dutch register; kept in the source record' },
  ],
};
