import type { DisclosureInput } from '../disclosure/disclosure.schema.ts';

/**
 * Example (예시) services for the demo: plausible, clearly marked, never mixed up with real
 * entries (is_example in the data, a badge on screen). A real deployment starts with DEMO_DATA=0.
 */
type Row = [
  body: string, name: string, nameEn: string, field: DisclosureInput['field'], tech: DisclosureInput['technologyTypes'],
  personal: boolean, domain: DisclosureInput['aiAct']['domain'], human: boolean, status: DisclosureInput['status'], start: string,
];

const ROWS: Row[] = [
  ['GG-AI', 'AI 민원 상담 챗봇', 'AI chatbot for citizen enquiries', 'civil_service', ['nlp', 'generative'], false, 'none', true, 'operating', '2024-03-01'],
  ['GG-AI', '행정문서 초안 작성 지원 생성형 AI', 'Generative AI for drafting administrative documents', 'administration', ['generative', 'nlp'], false, 'none', true, 'pilot', '2025-05-01'],
  ['GG-SAFETY', 'CCTV 영상 기반 침수 위험 감지', 'Flood risk detection from CCTV', 'safety', ['computer_vision', 'anomaly_detection'], false, 'none', true, 'operating', '2023-06-15'],
  ['GG-TRANSPORT', '버스 배차 간격 최적화', 'Bus headway optimisation', 'transport', ['optimisation', 'prediction'], false, 'transport', true, 'operating', '2022-09-01'],
  ['41110', '수원시 AI 불법 주정차 단속 지원', 'Suwon illegal parking detection', 'transport', ['computer_vision'], true, 'none', true, 'operating', '2023-02-01'],
  ['41130', '성남시 어르신 AI 안부 전화', 'Seongnam AI check-in calls for older residents', 'welfare', ['speech', 'nlp'], true, 'none', true, 'operating', '2022-11-01'],
  ['41270', '안산시 다국어 AI 통역 민원 창구', 'Ansan multilingual AI interpreting desk', 'civil_service', ['speech', 'nlp'], false, 'none', true, 'operating', '2024-01-10'],
  ['41280', '고양시 도로 파손(포트홀) 자동 탐지', 'Goyang pothole detection', 'safety', ['computer_vision'], false, 'none', true, 'operating', '2023-04-01'],
  ['41460', '용인시 AI 기반 복지 사각지대 발굴', 'Yongin AI detection of people missed by welfare', 'welfare', ['prediction', 'classification'], true, 'public_decision', true, 'pilot', '2025-02-01'],
  ['41590', '화성시 스마트 상수도 누수 예측', 'Hwaseong water leak prediction', 'environment', ['prediction', 'anomaly_detection'], false, 'drinking_water', true, 'operating', '2023-08-01'],
  ['41190', '부천시 AI 로봇 도서관 안내', 'Bucheon library guide robot', 'culture', ['robotics', 'speech'], false, 'none', true, 'pilot', '2025-04-01'],
  ['41390', '시흥시 AI 폐기물 배출량 예측', 'Siheung waste volume prediction', 'environment', ['prediction'], false, 'none', true, 'operating', '2024-06-01'],
  ['41450', '하남시 AI 민원 자동 분류', 'Hanam automatic classification of complaints', 'civil_service', ['classification', 'nlp'], false, 'none', true, 'operating', '2023-10-01'],
  ['41150', '의정부시 스마트 횡단보도 보행자 감지', 'Uijeongbu smart crosswalk pedestrian detection', 'safety', ['computer_vision'], false, 'transport', true, 'operating', '2022-07-01'],
  ['41570', '김포시 AI 농작물 병해충 진단', 'Gimpo crop pest diagnosis', 'agriculture', ['computer_vision', 'classification'], false, 'none', true, 'pilot', '2025-06-01'],
  ['41820', '가평군 산불 감시 AI 카메라', 'Gapyeong wildfire watch cameras', 'safety', ['computer_vision', 'anomaly_detection'], false, 'none', true, 'operating', '2024-03-15'],
  ['41830', '양평군 AI 관광 코스 추천', 'Yangpyeong tourist route recommendations', 'culture', ['recommendation'], false, 'none', true, 'operating', '2024-08-01'],
  ['GGI-JOBS', 'AI 일자리 매칭 추천', 'AI job matching', 'economy', ['recommendation'], true, 'hiring_loan', true, 'operating', '2023-05-01'],
  ['GGI-CREDIT', '소상공인 보증 심사 보조 모델', 'Credit guarantee screening assistance for small businesses', 'economy', ['prediction', 'classification'], true, 'hiring_loan', true, 'operating', '2024-02-01'],
  ['GGI-GH', '공공임대주택 하자 민원 분석', 'Defect complaint analysis for public rental housing', 'urban', ['nlp', 'classification'], true, 'none', true, 'operating', '2024-09-01'],
  ['GGI-GRI', '정책 연구 문헌 요약 생성형 AI', 'Generative AI summaries of policy literature', 'administration', ['generative', 'nlp'], false, 'none', true, 'pilot', '2025-03-01'],
  ['GGI-SOCIAL', '돌봄 인력 배치 최적화', 'Care worker scheduling optimisation', 'welfare', ['optimisation'], true, 'none', true, 'planned', '2026-03-01'],
  ['41220', '평택시 지방세 체납 징수 우선순위 예측', 'Pyeongtaek prioritisation of local tax arrears', 'tax', ['prediction'], true, 'public_decision', false, 'discontinued', '2022-01-01'],
  ['GG-HEALTH', '감염병 확산 예측 모델', 'Infectious disease spread forecasting', 'health', ['prediction'], false, 'none', true, 'operating', '2021-11-01'],
];

export const EXAMPLE_SERVICES: { bodyCode: string; publishedAt: string; disclosure: DisclosureInput }[] = ROWS.map(
  ([body, name, nameEn, field, tech, personal, domain, human, status, start], i) => {
    const generative = tech.includes('generative');
    return {
      bodyCode: body,
      publishedAt: `2025-${String(7 + (i % 5)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00+09:00`,
      disclosure: {
        name: { ko: `(예시) ${name}`, en: `(Example) ${nameEn}` },
        summary: { ko: `${name} 서비스의 예시 등록 정보입니다. 실제 운영 서비스가 아닙니다.`, en: `Example registry entry for: ${nameEn}. Not a real service.` },
        department: 'AI 담당 부서 (예시)',
        contact: { department: 'AI 담당 부서 (예시)', phone: '031-000-0000', email: 'example@example.go.kr' },
        status,
        startDate: start,
        endDate: status === 'discontinued' ? '2024-12-31' : undefined,
        field,
        technologyTypes: tech,
        functions: { ko: `${name}: 주요 기능 예시`, en: `${nameEn}: example functions` },
        algorithm: { ko: '학습된 모델이 입력 데이터를 분석해 결과를 제시하고, 담당자가 검토합니다. (예시)', en: 'A trained model analyses the input and proposes a result that staff review. (example)' },
        vendor: '예시 공급업체',
        purpose: { ko: `${name}를 통해 업무 효율과 도민 서비스 품질을 높이기 위한 예시입니다.`, en: 'Example purpose: better service quality and efficiency.' },
        data: {
          description: { ko: '업무 과정에서 생성된 행정 데이터와 공공 개방 데이터 (예시)', en: 'Administrative and open data (example)' },
          datasets: [
            { name: '행정 업무 데이터 (예시)', sourceBody: '경기도', kind: 'administrative', personal },
            { name: '공공데이터포털 개방 데이터 (예시)', sourceBody: '행정안전부', kind: 'open_data', personal: false },
          ],
        },
        personalInfo: {
          processesPersonal: personal, sensitive: false, uniqueIdentifier: false,
          legalBasis: personal ? ['pipa-15-1-3'] : [], automatedDecision: personal && !human,
          privacyImpactAssessment: personal ? 'done' : 'not_required',
        },
        effects: { ko: '처리 시간 단축과 서비스 만족도 향상 (예시 수치)', en: 'Shorter handling times and higher satisfaction (example figures)' },
        outcomes: [{ name: { ko: '월평균 처리 건수 (예시)', en: 'Monthly cases handled (example)' }, unit: '건', values: [
          { date: '2024-12-31', value: 1000 + i * 137 }, { date: '2025-06-30', value: 1400 + i * 151 }] }],
        ethics: {
          summary: { ko: '국가 인공지능 윤리기준의 10대 요건을 점검했습니다. (예시)', en: 'Checked against the 10 requirements of the national AI ethics standard. (example)' },
          requirements: {
            human_rights: { level: 'met', how: '서비스 이용 여부와 관계없이 동일한 행정 서비스를 제공합니다. (예시)' },
            privacy: { level: personal ? 'met' : 'not_applicable', how: personal ? '가명처리와 접근 통제를 적용합니다. (예시)' : '개인정보를 처리하지 않습니다. (예시)' },
            transparency: { level: 'met', how: '이 등록부에 서비스 정보를 공개합니다. (예시)' },
            accountability: { level: 'partial', how: '담당 부서가 결과를 검토합니다. (예시)' },
          },
        },
        humanOversight: { ko: '담당 공무원이 AI 결과를 검토하고 최종 결정을 내립니다. (예시)', en: 'An officer reviews the result and decides. (example)' },
        objection: { ko: '담당 부서에 전화나 전자우편으로 이의를 제기하고 사람의 검토를 요청할 수 있습니다. (예시)', en: 'Object by phone or email to the department and ask for a human review. (example)' },
        aiAct: {
          domain, effect: domain === 'none' ? 'none' : domain === 'transport' || domain === 'drinking_water' ? 'safety' : 'fundamental_rights',
          humanInFinalDecision: human, generative, generativeLabelling: generative ? '생성 결과물에 "AI 생성" 표시 (예시)' : undefined,
        },
        budget: { amountKrw: 50_000_000 + i * 10_000_000 },
      },
    };
  },
);
