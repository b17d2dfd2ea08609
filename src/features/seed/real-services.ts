import type { DisclosureInput } from '../disclosure/disclosure.schema.ts';

/**
 * Services named in the source article (경기일보, 2025-12-28), with its figures. Items the article
 * does not state are marked as awaiting confirmation by the body rather than invented.
 */
const TO_CONFIRM = { ko: '등록 기관 확인 중 (원문 기사에 없는 항목)', en: 'Awaiting confirmation by the body (not in the source article)' };

const ethicsToConfirm = { summary: TO_CONFIRM, requirements: {} };

export const REAL_SERVICES: { bodyCode: string; publishedAt: string; disclosure: DisclosureInput }[] = [
  {
    bodyCode: 'GG-WELFARE',
    publishedAt: '2025-07-01T09:00:00+09:00',
    disclosure: {
      name: { ko: '인공지능 기반 고독사 예방 및 대응 서비스', en: 'AI-based lonely-death prevention and response' },
      summary: {
        ko: '데이터로 고독사 위험을 예측하고, AI 콜로 안부를 살피며, 위험 신호가 있으면 모니터링 요원이 출동합니다.',
        en: 'Predicts the risk of lonely deaths from data, checks on people with AI calls, and dispatches staff when a risk signal appears.',
      },
      contact: {},
      status: 'operating',
      startDate: '2023-01-01',
      field: 'welfare',
      technologyTypes: ['prediction', 'speech'],
      functions: { ko: '데이터 기반 위험 예측, AI 콜·안부 살핌, 모니터링 및 출동 체계', en: 'Data-based risk prediction, AI check-in calls, monitoring and dispatch' },
      purpose: { ko: '홀로 사는 위험군의 고독사를 예방하고 위기 상황에 신속히 대응하기 위해 도입했습니다.', en: 'To prevent lonely deaths among people living alone and to respond quickly in a crisis.' },
      data: { description: TO_CONFIRM, datasets: [] },
      personalInfo: { processesPersonal: true, sensitive: false, uniqueIdentifier: false, legalBasis: ['pipa-15-1-3'], legalBasisNote: TO_CONFIRM.ko, automatedDecision: false, privacyImpactAssessment: 'not_done' },
      effects: {
        ko: '모니터링 및 출동을 통해 고독사 위험 대상자 4명을 병원으로 이송했습니다. 대상자는 2023년 안산 500명에서 2024년 4개 시·군 929명, 2025년 9월 말 8개 시·군 1,304명으로 늘었습니다.',
        en: 'Monitoring and dispatch took 4 people at risk to hospital. People covered grew from 500 in Ansan (2023) to 929 in 4 cities and counties (2024) and 1,304 in 8 (end of September 2025).',
      },
      outcomes: [
        { name: { ko: '서비스 대상자 수', en: 'People covered' }, unit: '명', values: [
          { date: '2023-12-31', value: 500, note: '안산시' }, { date: '2024-12-31', value: 929, note: '4개 시·군' }, { date: '2025-09-30', value: 1304, note: '8개 시·군' }] },
        { name: { ko: '참여 시·군 수', en: 'Participating cities and counties' }, unit: '개', values: [
          { date: '2023-12-31', value: 1 }, { date: '2024-12-31', value: 4 }, { date: '2025-09-30', value: 8 }] },
        { name: { ko: '병원 이송 건수 (누적)', en: 'People taken to hospital (cumulative)' }, unit: '건', values: [{ date: '2025-09-30', value: 4 }] },
      ],
      ethics: ethicsToConfirm,
      humanOversight: { ko: '위험 신호가 감지되면 모니터링 요원이 확인하고 출동 여부를 판단합니다.', en: 'Monitoring staff review each risk signal and decide on dispatch.' },
      objection: TO_CONFIRM,
      aiAct: { domain: 'none', effect: 'none', humanInFinalDecision: true, interventionPoint: '모니터링 요원의 확인과 출동 결정', generative: false },
    },
  },
  {
    bodyCode: 'GGI-MEDICAL',
    publishedAt: '2025-07-01T09:00:00+09:00',
    disclosure: {
      name: { ko: '경기 AI 공공의료 실증 지원: AI 진단보조시스템', en: 'Gyeonggi AI public health care pilot: AI diagnosis assistance' },
      summary: {
        ko: '경기도의료원 수원·안성·이천병원에서 흉부 엑스레이·CT, 뇌 CT·MRI, 유방촬영 등 5개 부문 7종의 AI 진단보조 서비스를 운영합니다.',
        en: 'Seven AI diagnosis-assistance services in five areas (chest X-ray and CT, brain CT and MRI, mammography) at the Suwon, Anseong and Icheon hospitals of the Gyeonggi Provincial Medical Center.',
      },
      department: '수원병원·안성병원·이천병원',
      contact: {},
      status: 'operating',
      field: 'health',
      technologyTypes: ['computer_vision', 'classification'],
      functions: { ko: '흉부 엑스레이·CT, 뇌 CT·MRI, 유방촬영 영상 판독 보조 (5개 부문 7종)', en: 'Reading assistance for chest X-ray/CT, brain CT/MRI and mammography (7 services in 5 areas)' },
      purpose: { ko: '공공의료원의 영상 진단 역량을 높이고 취약계층의 검진 접근성을 넓히기 위해 도입했습니다.', en: 'To strengthen imaging diagnosis at the public hospitals and widen access to screening for vulnerable residents.' },
      data: { description: { ko: '의료원에서 촬영한 의료 영상 (흉부, 뇌, 유방)', en: 'Medical images taken at the hospitals (chest, brain, breast)' }, datasets: [
        { name: '의료 영상 (흉부 X-ray·CT, 뇌 CT·MRI, 유방촬영)', sourceBody: '경기도의료원', kind: 'medical', personal: true }] },
      personalInfo: { processesPersonal: true, sensitive: true, uniqueIdentifier: false, legalBasis: ['pipa-23'], legalBasisNote: TO_CONFIRM.ko, automatedDecision: false, privacyImpactAssessment: 'not_done' },
      effects: {
        ko: '3개 의료원에서 총 19,031건의 검사에 활용되었고, 취약계층 180명의 영상검진비를 지원했습니다. 공공의료 데이터 수집·관리의 어려움을 확인해 의료영상 활용 지원 플랫폼 구축과 데이터심의위원회 구성을 검토했습니다.',
        en: 'Used in 19,031 examinations at the three hospitals; imaging fees paid for 180 vulnerable residents. Difficulties in collecting and managing public health data led to plans for a medical imaging platform and a data review committee.',
      },
      outcomes: [
        { name: { ko: 'AI 진단보조 활용 검사 건수', en: 'Examinations using AI assistance' }, unit: '건', values: [{ date: '2025-12-28', value: 19031 }] },
        { name: { ko: '영상검진비 지원 인원 (취약계층)', en: 'Vulnerable residents with imaging fees paid' }, unit: '명', values: [{ date: '2025-12-28', value: 180 }] },
      ],
      ethics: ethicsToConfirm,
      humanOversight: { ko: 'AI는 판독을 보조하며 최종 진단은 의사가 내립니다.', en: 'The AI assists reading; a doctor makes the diagnosis.' },
      objection: TO_CONFIRM,
      aiAct: { domain: 'health_care', effect: 'safety', humanInFinalDecision: true, interventionPoint: '의사의 최종 판독·진단', generative: false },
    },
  },
];
