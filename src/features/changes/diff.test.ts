import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDisclosure } from '../../../test/support/factories.ts';
import { EXPORT_COLUMNS } from '../disclosure/disclosure.fields.ts';
import { disclosureSchema, type Disclosure, type DisclosureInput } from '../disclosure/disclosure.schema.ts';
import { DIFF_ITEMS, changedItemKeys, diffDisclosures, leafPaths } from './diff.ts';

const parse = (overrides: Partial<DisclosureInput> = {}): Disclosure => disclosureSchema.parse(aDisclosure(overrides));

/** Every optional item filled in, so every path of the schema is present. */
const full = (): Disclosure =>
  parse({
    department: '스마트정보과',
    endDate: '2026-12-31',
    functions: { ko: '기능', en: 'Functions' },
    algorithm: { ko: '알고리즘', en: 'Algorithm' },
    vendor: '업체',
    model: '모델',
    summary: { ko: '요약', en: 'Summary' },
    purpose: { ko: '목적', en: 'Purpose' },
    data: { description: { ko: '데이터', en: 'Data' }, datasets: [{ name: '민원 기록', sourceBody: '경기도', kind: 'administrative', personal: true }] },
    personalInfo: { processesPersonal: true, sensitive: true, uniqueIdentifier: true, legalBasis: ['pipa-15-1-3', 'pipa-23'], legalBasisNote: '근거', automatedDecision: true, privacyImpactAssessment: 'done' },
    effects: { ko: '효과', en: 'Effects' },
    outcomes: [{ name: { ko: '상담 건수', en: 'Consultations' }, unit: '건', values: [{ date: '2025-01-01', value: 1304, note: '1분기' }] }],
    ethics: { summary: { ko: '윤리', en: 'Ethics' }, requirements: Object.fromEntries(['human_rights', 'privacy', 'diversity', 'no_harm', 'public_good', 'solidarity', 'data_management', 'accountability', 'safety', 'transparency'].map((k) => [k, { level: 'met', how: `${k} 방법` }])) },
    humanOversight: { ko: '감독', en: 'Oversight' },
    objection: { ko: '이의', en: 'Objection' },
    technologyTypes: ['nlp', 'generative'],
    aiAct: { domain: 'public_decision', effect: 'fundamental_rights', humanInFinalDecision: false, interventionPoint: '지점', generative: true, generativeLabelling: '표시', measures: '조치' },
    budget: { amountKrw: 120000000, note: '도비' },
    programme: '사업',
  });

/** Another valid code for each coded path (the classification reads codes, so they must stay valid). */
const CODED_PATHS: [RegExp, string][] = [
  [/^status$/, 'pilot'], [/^field$/, 'welfare'], [/^technologyTypes\.\d+$/, 'speech'], [/\.kind$/, 'voice'], [/\.legalBasis\.\d+$/, 'other'],
  [/privacyImpactAssessment$/, 'not_done'], [/^aiAct\.domain$/, 'transport'], [/^aiAct\.effect$/, 'safety'], [/\.level$/, 'partial'],
  [/^(startDate|endDate)$|\.date$/, '2027-01-01'],
];

describe('item-by-item diff of two disclosures', () => {
  test('identical versions have no changed items', () => {
    assert.deepEqual(diffDisclosures(full(), full()), []);
  });

  test('a changed text is one item with its Korean and English label, before and after', () => {
    const items = diffDisclosures(parse(), parse({ purpose: { ko: '민원 처리 시간을 줄이기 위해 도입했습니다.' } }));
    assert.deepEqual(items, [{
      key: 'purpose_ko', label: { ko: 'AI 도입 목적 (도입 배경 포함)', en: 'Purpose of adoption, with background' },
      before: '업무 효율을 높이기 위해 도입했습니다.', after: '민원 처리 시간을 줄이기 위해 도입했습니다.', change: 'changed',
    }]);
  });

  test('added and removed items are told apart from changed ones', () => {
    const items = diffDisclosures(parse({ vendor: '(주)가나다' }), parse({ model: 'GPT-4o' }));
    assert.deepEqual(items.map((i) => [i.key, i.change, i.before, i.after]), [['vendor', 'removed', '(주)가나다', ''], ['model', 'added', '', 'GPT-4o']]);
  });

  test('English texts the export leaves out are compared too', () => {
    const items = diffDisclosures(parse(), parse({ purpose: { ko: '업무 효율을 높이기 위해 도입했습니다.', en: 'To work faster.' } }));
    assert.equal(items.length, 1);
    assert.equal(items[0].key, 'purpose_en');
    assert.equal(items[0].label.ko, 'AI 도입 목적 (도입 배경 포함) (영문)');
    assert.equal(items[0].change, 'added');
  });

  test('lists and codes read as text: datasets, legal basis, technology types, outcomes', () => {
    const a = full();
    const b = structuredClone(a);
    b.data.datasets.push({ name: '상담 녹취', kind: 'voice', personal: true });
    b.personalInfo.legalBasis = ['pipa-15-1-3'];
    b.technologyTypes = ['nlp', 'speech', 'generative'];
    b.outcomes[0].values[0].note = '2분기'; // the export omits notes; the diff does not
    const items = diffDisclosures(a, b);
    assert.deepEqual(items.map((i) => i.key), ['technology_types', 'datasets', 'legal_basis', 'outcomes']);
    const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
    assert.equal(byKey.datasets.after, '민원 기록 · 출처: 경기도 · 행정 데이터 · 개인정보: 예\n상담 녹취 · 음성 · 개인정보: 예');
    assert.equal(byKey.legal_basis.before, '제15조제1항제3호 (공공기관의 법령 등에서 정하는 소관 업무)\n제23조 (민감정보 처리)');
    assert.equal(byKey.technology_types.after, '자연어 처리, 음성 인식·합성, 생성형 AI');
    assert.equal(byKey.outcomes.before, '상담 건수 (건): 2025-01-01 1,304 (1분기)');
    assert.equal(byKey.outcomes.after, '상담 건수 (건): 2025-01-01 1,304 (2분기)');
  });

  test('labels and coded values follow the language', () => {
    const items = diffDisclosures(parse({ status: 'pilot' }), parse({ status: 'operating' }), { lang: 'en' });
    assert.deepEqual(items.map((i) => [i.key, i.label.en, i.before, i.after]), [['status', 'Status', 'Pilot', 'In operation']]);
  });

  test('a classification change shows the derived high-impact item next to its causes', () => {
    const a = parse({ aiAct: { domain: 'public_decision', effect: 'fundamental_rights', humanInFinalDecision: true, generative: false } });
    const b = parse({ aiAct: { domain: 'public_decision', effect: 'fundamental_rights', humanInFinalDecision: false, generative: false } });
    const items = diffDisclosures(a, b);
    assert.deepEqual(items.map((i) => [i.key, i.before, i.after]), [['ai_act_human_in_final_decision', '예', '아니오'], ['high_impact', '아니오', '예']]);
  });

  test('with `all`, unchanged items are listed with change null', () => {
    const items = diffDisclosures(parse(), parse({ vendor: 'X' }), { all: true });
    assert.equal(items.length, DIFF_ITEMS.length);
    assert.deepEqual(items.filter((i) => i.change).map((i) => i.key), ['vendor']);
    assert.equal(items.find((i) => i.key === 'name_ko')?.before, '테스트 AI 서비스');
  });

  test('every export column of the disclosure is an item, and every disclosed value belongs to one', () => {
    const keys = new Set(DIFF_ITEMS.map((i) => i.key));
    for (const c of EXPORT_COLUMNS) if (!['public_id', 'body_code', 'body_name', 'version', 'published_at', 'is_example'].includes(c.key)) assert.ok(keys.has(c.key), c.key);
    // From the smallest record to the fullest one, every difference lands on a named item.
    const items = diffDisclosures(parse(), full());
    for (const i of items) assert.ok(keys.has(i.key), `unclaimed path ${i.key}`);
    for (const path of leafPaths(full()).keys()) {
      if (path === 'schemaVersion') continue;
      const b = structuredClone(full()) as any;
      const parts = path.split('.');
      const last = parts.pop()!;
      const parent = parts.reduce((o, k) => o[k], b);
      const coded = CODED_PATHS.find(([re]) => re.test(path));
      parent[last] = coded ? coded[1] : typeof parent[last] === 'boolean' ? !parent[last] : typeof parent[last] === 'number' ? parent[last] + 1 : parent[last] + 'x';
      const changed = diffDisclosures(full(), b);
      assert.ok(changed.length > 0 && changed.every((i) => keys.has(i.key)), path);
    }
  });

  test('a value of a newer schema no item knows is still reported, under its path', () => {
    const b = { ...parse(), newItem: '새 항목' } as unknown as Disclosure;
    const items = diffDisclosures(parse(), b);
    assert.deepEqual(items.map((i) => [i.key, i.change, i.after]), [['newItem', 'added', '새 항목']]);
  });

  test('changed item keys for the history export; none for a first version', () => {
    assert.deepEqual(changedItemKeys(undefined, parse()), []);
    assert.deepEqual(changedItemKeys(parse(), parse({ department: '복지정책과', summary: { ko: '새 요약' } })), ['summary_ko', 'summary_en', 'department']);
  });
});
