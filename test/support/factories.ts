import type { DisclosureInput } from '../../src/features/disclosure/disclosure.schema.ts';

/** A complete, valid disclosure; override what a test is about. */
export function aDisclosure(overrides: Partial<DisclosureInput> = {}): DisclosureInput {
  return {
    name: { ko: '테스트 AI 서비스', en: 'Test AI service' },
    summary: { ko: '테스트용 요약입니다.', en: 'A summary for tests.' },
    contact: { department: '테스트과', phone: '031-111-2222', email: 'test@example.go.kr' },
    status: 'operating',
    startDate: '2024-01-01',
    field: 'administration',
    technologyTypes: ['nlp'],
    purpose: { ko: '업무 효율을 높이기 위해 도입했습니다.' },
    data: { description: { ko: '행정 데이터' }, datasets: [{ name: '민원 기록', sourceBody: '경기도', kind: 'administrative', personal: false }] },
    personalInfo: { processesPersonal: false, sensitive: false, uniqueIdentifier: false, legalBasis: [], automatedDecision: false, privacyImpactAssessment: 'not_required' },
    effects: { ko: '처리 시간이 줄었습니다.' },
    outcomes: [],
    ethics: { summary: { ko: '윤리기준을 점검했습니다.' }, requirements: {} },
    humanOversight: { ko: '담당자가 검토합니다.' },
    objection: { ko: '담당 부서에 이의를 제기할 수 있습니다.' },
    aiAct: { domain: 'none', effect: 'none', humanInFinalDecision: true, generative: false },
    ...overrides,
  };
}
