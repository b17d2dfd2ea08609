/** Coded values of the Gyeonggi disclosure schema, with their Korean and English labels. */
export type Labels = Record<string, { ko: string; en: string }>;

export const STATUSES = {
  planned: { ko: '도입 예정', en: 'Planned' },
  pilot: { ko: '시범 운영', en: 'Pilot' },
  operating: { ko: '운영 중', en: 'In operation' },
  discontinued: { ko: '운영 중단', en: 'Discontinued' },
} as const satisfies Labels;

export const FIELDS = {
  welfare: { ko: '복지', en: 'Welfare' },
  health: { ko: '보건·의료', en: 'Health care' },
  safety: { ko: '안전·재난', en: 'Safety and disasters' },
  transport: { ko: '교통', en: 'Transport' },
  environment: { ko: '환경·에너지', en: 'Environment and energy' },
  administration: { ko: '일반행정', en: 'General administration' },
  civil_service: { ko: '민원·상담', en: 'Citizen services' },
  economy: { ko: '경제·일자리', en: 'Economy and jobs' },
  culture: { ko: '문화·관광', en: 'Culture and tourism' },
  education: { ko: '교육', en: 'Education' },
  agriculture: { ko: '농림·축산', en: 'Agriculture' },
  urban: { ko: '도시·주택', en: 'Urban planning and housing' },
  tax: { ko: '세무·재정', en: 'Tax and finance' },
} as const satisfies Labels;

export const TECH_TYPES = {
  prediction: { ko: '예측', en: 'Prediction' },
  classification: { ko: '분류', en: 'Classification' },
  computer_vision: { ko: '컴퓨터 비전', en: 'Computer vision' },
  speech: { ko: '음성 인식·합성', en: 'Speech' },
  nlp: { ko: '자연어 처리', en: 'Natural language processing' },
  generative: { ko: '생성형 AI', en: 'Generative AI' },
  recommendation: { ko: '추천', en: 'Recommendation' },
  optimisation: { ko: '최적화', en: 'Optimisation' },
  anomaly_detection: { ko: '이상 탐지', en: 'Anomaly detection' },
  robotics: { ko: '로봇', en: 'Robotics' },
} as const satisfies Labels;

export const DATASET_KINDS = {
  administrative: { ko: '행정 데이터', en: 'Administrative data' },
  open_data: { ko: '공공 개방 데이터', en: 'Open data' },
  sensor: { ko: '센서·IoT', en: 'Sensors and IoT' },
  image: { ko: '영상·이미지', en: 'Images and video' },
  voice: { ko: '음성', en: 'Voice' },
  text: { ko: '문서·텍스트', en: 'Documents and text' },
  medical: { ko: '의료 데이터', en: 'Medical data' },
  purchased: { ko: '외부 구매 데이터', en: 'Purchased data' },
  other: { ko: '기타', en: 'Other' },
} as const satisfies Labels;

/** 개인정보 보호법 legal bases. */
export const LEGAL_BASES = {
  'pipa-15-1-1': { ko: '개인정보 보호법 제15조제1항제1호 (정보주체의 동의)', en: 'PIPA Art. 15(1)1 (consent)' },
  'pipa-15-1-2': { ko: '제15조제1항제2호 (법률의 특별한 규정·법령상 의무)', en: 'PIPA Art. 15(1)2 (law or legal obligation)' },
  'pipa-15-1-3': { ko: '제15조제1항제3호 (공공기관의 법령 등에서 정하는 소관 업무)', en: 'PIPA Art. 15(1)3 (public body duties under law)' },
  'pipa-15-1-4': { ko: '제15조제1항제4호 (계약의 체결·이행)', en: 'PIPA Art. 15(1)4 (contract)' },
  'pipa-15-1-5': { ko: '제15조제1항제5호 (생명·신체·재산의 이익)', en: 'PIPA Art. 15(1)5 (vital interests)' },
  'pipa-15-1-6': { ko: '제15조제1항제6호 (정당한 이익)', en: 'PIPA Art. 15(1)6 (legitimate interest)' },
  'pipa-15-1-7': { ko: '제15조제1항제7호 (공중위생 등 긴급)', en: 'PIPA Art. 15(1)7 (urgent public health)' },
  'pipa-17': { ko: '제17조 (제3자 제공)', en: 'PIPA Art. 17 (provision to third parties)' },
  'pipa-18-2': { ko: '제18조제2항 (목적 외 이용·제공)', en: 'PIPA Art. 18(2) (use beyond purpose)' },
  'pipa-23': { ko: '제23조 (민감정보 처리)', en: 'PIPA Art. 23 (sensitive information)' },
  'pipa-24': { ko: '제24조 (고유식별정보 처리)', en: 'PIPA Art. 24 (unique identifiers)' },
  'pipa-28-2': { ko: '제28조의2 (가명정보 처리)', en: 'PIPA Art. 28-2 (pseudonymised data)' },
  other: { ko: '기타 법령', en: 'Other law' },
} as const satisfies Labels;

/** Risk domains of the AI Framework Act (인공지능기본법) for high-impact AI. */
export const AI_ACT_DOMAINS = {
  none: { ko: '해당 없음', en: 'None' },
  energy: { ko: '에너지 공급', en: 'Energy supply' },
  drinking_water: { ko: '먹는물 생산·공급', en: 'Drinking water' },
  health_care: { ko: '보건의료 제공·이용', en: 'Health care' },
  medical_device: { ko: '의료기기·디지털의료기기', en: 'Medical devices' },
  nuclear: { ko: '원자력 안전', en: 'Nuclear safety' },
  biometric_investigation: { ko: '범죄 수사·체포를 위한 생체정보 분석', en: 'Biometric analysis for investigations' },
  hiring_loan: { ko: '채용·대출 심사 등 권리·의무 판단', en: 'Hiring and loan-type judgments' },
  transport: { ko: '교통수단·교통시설', en: 'Transport' },
  public_decision: { ko: '공공서비스 자격·비용 결정', en: 'Public decisions on eligibility or charges' },
  student_evaluation: { ko: '학생 평가', en: 'Student evaluation' },
} as const satisfies Labels;

export const AI_ACT_EFFECTS = {
  none: { ko: '중대한 영향 없음', en: 'No significant effect' },
  fundamental_rights: { ko: '기본권에 중대한 영향', en: 'Significant effect on fundamental rights' },
  safety: { ko: '생명·신체 안전에 중대한 영향', en: 'Significant effect on life and safety' },
} as const satisfies Labels;

/** 국가 인공지능 윤리기준: the 10 core requirements. */
export const ETHICS_REQUIREMENTS = {
  human_rights: { ko: '인권 보장', en: 'Human rights' },
  privacy: { ko: '프라이버시 보호', en: 'Privacy' },
  diversity: { ko: '다양성 존중', en: 'Respect for diversity' },
  no_harm: { ko: '침해 금지', en: 'Prevention of harm' },
  public_good: { ko: '공공성', en: 'Public good' },
  solidarity: { ko: '연대성', en: 'Solidarity' },
  data_management: { ko: '데이터 관리', en: 'Data management' },
  accountability: { ko: '책임성', en: 'Accountability' },
  safety: { ko: '안전성', en: 'Safety' },
  transparency: { ko: '투명성', en: 'Transparency' },
} as const satisfies Labels;

export const ETHICS_LEVELS = {
  met: { ko: '충족', en: 'Met' },
  partial: { ko: '일부 충족', en: 'Partly met' },
  not_applicable: { ko: '해당 없음', en: 'Not applicable' },
} as const satisfies Labels;

export const BODY_KINDS = {
  province: { ko: '경기도', en: 'Province' },
  department: { ko: '도 실·국', en: 'Provincial department' },
  city: { ko: '시', en: 'City' },
  county: { ko: '군', en: 'County' },
  institution: { ko: '공공기관', en: 'Public institution' },
} as const satisfies Labels;

export function keysOf<T extends Labels>(labels: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
}
