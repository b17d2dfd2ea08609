/**
 * Synthetic but realistic disclosures for the benchmark: Korean names, summaries and purposes
 * composed from word lists per field of use, varied technology types, bodies, datasets, outcomes,
 * ethics entries and AI Framework Act answers. Deterministic (seeded PRNG), so two runs index the
 * same text. Word frequencies are chosen so the benchmark queries cover the range:
 *   고독사 ≈ 1 %, 진단 ≈ 7 %, 복지 ≈ 17 %, 민원+챗봇 ≈ 3.5 %, chatbot (English) ≈ 6 %, 반딧불이 ≈ 0.07 %.
 */
import type { DisclosureInput } from '../src/features/disclosure/disclosure.schema.ts';
import { SCHEMA_VERSION } from '../src/features/disclosure/disclosure.schema.ts';

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const chance = (r: Rng, p: number) => r() < p;
function some<T>(r: Rng, list: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(r() * (max - min + 1));
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(r() * copy.length), 1)[0]);
  return out;
}

type Field = DisclosureInput['field'];
type Tech = DisclosureInput['technologyTypes'][number];
type Pair = readonly [ko: string, en: string];

interface FieldWords {
  topics: Pair[];
  tasks: (readonly [ko: string, en: string, tech: Tech[]])[];
  datasets: (readonly [name: string, kind: DisclosureInput['data']['datasets'][number]['kind'], personal: boolean])[];
  domain: DisclosureInput['aiAct']['domain'][];
  indicators: Pair[];
}

const FIELD_WORDS: Record<Field, FieldWords> = {
  welfare: {
    topics: [['고독사', 'lonely death'], ['복지 사각지대', 'people missed by welfare'], ['어르신 돌봄', 'elderly care'], ['아동 학대', 'child abuse'],
      ['긴급 복지', 'emergency welfare'], ['장애인 활동 지원', 'disability support'], ['기초생활수급', 'basic livelihood benefits'], ['노인 일자리', 'senior jobs'],
      ['위기가구', 'households in crisis'], ['사회복지시설', 'social welfare facilities'], ['독거노인 안부', 'check-ins on older people living alone'], ['치매 어르신 실종', 'missing people with dementia'],
      ['한부모 가정', 'single-parent families'], ['복지 급여', 'welfare benefits'], ['돌봄 인력', 'care workers']],
    tasks: [['위험 예측', 'risk prediction', ['prediction']], ['대상자 발굴', 'case finding', ['prediction', 'classification']], ['AI 안부 전화', 'AI check-in calls', ['speech', 'nlp']],
      ['상담 챗봇', 'counselling chatbot', ['nlp', 'generative']], ['모니터링', 'monitoring', ['anomaly_detection']], ['신청서 자동 분류', 'application sorting', ['classification', 'nlp']],
      ['배치 최적화', 'scheduling optimisation', ['optimisation']], ['맞춤형 서비스 추천', 'service recommendations', ['recommendation']]],
    datasets: [['사회보장정보시스템 위기정보', 'administrative', true], ['단전·단수·체납 정보', 'administrative', true], ['AI 콜 통화 기록', 'voice', true],
      ['복지 상담 기록', 'text', true], ['돌봄 서비스 이용 이력', 'administrative', true], ['공공데이터포털 복지시설 현황', 'open_data', false]],
    domain: ['none', 'none', 'public_decision'],
    indicators: [['발굴 대상자 수', 'People identified'], ['안부 확인 건수', 'Check-ins'], ['긴급 지원 연계 건수', 'Referrals to emergency support']],
  },
  health: {
    topics: [['흉부 엑스레이', 'chest X-ray'], ['감염병 확산', 'infectious disease spread'], ['만성질환 관리', 'chronic disease management'], ['응급실 혼잡도', 'emergency room crowding'],
      ['치매 조기', 'early dementia'], ['정신건강', 'mental health'], ['건강검진 결과', 'health check-up results'], ['의료 영상', 'medical imaging'],
      ['방문 건강관리', 'home health visits'], ['식중독', 'food poisoning'], ['뇌 MRI', 'brain MRI'], ['유방촬영', 'mammography']],
    tasks: [['진단 보조', 'diagnosis assistance', ['computer_vision', 'classification']], ['발생 예측', 'outbreak forecasting', ['prediction']], ['위험도 분석', 'risk scoring', ['prediction', 'classification']],
      ['판독 보조', 'reading assistance', ['computer_vision']], ['건강 상담 챗봇', 'health chatbot', ['nlp', 'generative']], ['조기 진단', 'early diagnosis', ['classification']],
      ['AI 문진', 'AI pre-consultation', ['speech', 'nlp']]],
    datasets: [['의료 영상', 'medical', true], ['건강검진 기록', 'medical', true], ['감염병 신고 자료', 'administrative', true], ['보건소 방문 기록', 'administrative', true],
      ['질병관리청 공개 통계', 'open_data', false]],
    domain: ['health_care', 'medical_device', 'none'],
    indicators: [['판독 건수', 'Readings'], ['조기 발견 건수', 'Early detections'], ['상담 건수', 'Consultations']],
  },
  safety: {
    topics: [['산불', 'wildfire'], ['침수', 'flooding'], ['CCTV 영상', 'CCTV video'], ['교량 안전', 'bridge safety'], ['지진', 'earthquake'], ['화재', 'fire'],
      ['미세먼지 경보', 'fine dust alerts'], ['하천 수위', 'river levels'], ['어린이보호구역', 'school zones'], ['싱크홀', 'sinkholes'], ['폭염 취약계층', 'people at risk in heatwaves']],
    tasks: [['감지', 'detection', ['computer_vision', 'anomaly_detection']], ['예측', 'prediction', ['prediction']], ['안전 진단', 'safety inspection', ['computer_vision', 'classification']],
      ['위험 경보', 'risk alerts', ['anomaly_detection']], ['통합 모니터링', 'integrated monitoring', ['computer_vision']], ['자동 탐지', 'automatic detection', ['computer_vision']]],
    datasets: [['CCTV 영상', 'image', true], ['기상 관측 자료', 'open_data', false], ['하천 수위 센서', 'sensor', false], ['119 출동 기록', 'administrative', true],
      ['드론 촬영 영상', 'image', false]],
    domain: ['none', 'none', 'biometric_investigation'],
    indicators: [['감지 건수', 'Detections'], ['출동 시간 (분)', 'Response time (minutes)'], ['오경보 비율', 'False alarm rate']],
  },
  transport: {
    topics: [['버스 배차', 'bus scheduling'], ['교통 신호', 'traffic signals'], ['불법 주정차', 'illegal parking'], ['도로 파손', 'road damage'], ['주차 수요', 'parking demand'],
      ['택시 수요', 'taxi demand'], ['교통사고', 'traffic accidents'], ['자율주행 셔틀', 'autonomous shuttle'], ['대중교통 환승', 'public transport transfers'], ['수요응답형 버스', 'demand-responsive buses']],
    tasks: [['최적화', 'optimisation', ['optimisation']], ['수요 예측', 'demand forecasting', ['prediction']], ['단속 지원', 'enforcement support', ['computer_vision']],
      ['자동 탐지', 'automatic detection', ['computer_vision', 'anomaly_detection']], ['경로 추천', 'route recommendations', ['recommendation', 'optimisation']], ['운행 관제', 'operations control', ['robotics', 'computer_vision']]],
    datasets: [['교통카드 승하차 기록', 'administrative', false], ['차량 번호판 영상', 'image', true], ['교차로 검지기 자료', 'sensor', false], ['도로 노면 영상', 'image', false],
      ['교통사고 통계', 'open_data', false]],
    domain: ['none', 'transport', 'transport'],
    indicators: [['평균 대기 시간 (분)', 'Average wait (minutes)'], ['단속 건수', 'Enforcement cases'], ['탐지 건수', 'Detections']],
  },
  environment: {
    topics: [['상수도 누수', 'water leaks'], ['폐기물 배출량', 'waste volumes'], ['대기질', 'air quality'], ['수질 오염', 'water pollution'], ['악취', 'odour'],
      ['건물 에너지', 'building energy'], ['탄소 배출', 'carbon emissions'], ['하수 처리', 'sewage treatment'], ['가로수 관리', 'street trees'], ['재활용 선별', 'recycling sorting']],
    tasks: [['예측', 'prediction', ['prediction']], ['이상 탐지', 'anomaly detection', ['anomaly_detection']], ['운전 최적화', 'operations optimisation', ['optimisation']],
      ['자동 선별 로봇', 'sorting robot', ['robotics', 'computer_vision']], ['현황 분석', 'analysis', ['prediction', 'classification']]],
    datasets: [['상수도 유량 센서', 'sensor', false], ['대기오염 측정망', 'open_data', false], ['폐기물 수거 기록', 'administrative', false], ['건물 에너지 사용량', 'administrative', false]],
    domain: ['none', 'drinking_water', 'energy'],
    indicators: [['누수 탐지 건수', 'Leaks detected'], ['에너지 절감률', 'Energy saved'], ['배출량 (톤)', 'Emissions (tonnes)']],
  },
  administration: {
    topics: [['행정문서 초안', 'draft administrative documents'], ['회의록', 'meeting minutes'], ['보도자료', 'press releases'], ['법령 검토', 'legal review'], ['예산 편성', 'budget planning'],
      ['내부 감사', 'internal audit'], ['공문서 번역', 'document translation'], ['정책 연구 문헌', 'policy literature'], ['업무 매뉴얼', 'work manuals']],
    tasks: [['작성 지원 생성형 AI', 'generative drafting assistant', ['generative', 'nlp']], ['요약', 'summarisation', ['generative', 'nlp']], ['지능형 검색', 'intelligent search', ['nlp']],
      ['자동 분류', 'automatic classification', ['classification', 'nlp']], ['검토 지원', 'review assistance', ['nlp', 'prediction']], ['음성 기록', 'speech transcription', ['speech']]],
    datasets: [['행정 문서', 'text', false], ['회의 음성 기록', 'voice', true], ['법령 정보', 'open_data', false], ['예산 집행 자료', 'administrative', false]],
    domain: ['none'],
    indicators: [['월평균 이용 건수', 'Monthly uses'], ['작성 시간 단축 (분)', 'Drafting time saved (minutes)']],
  },
  civil_service: {
    topics: [['민원 상담', 'citizen enquiries'], ['다국어 통역', 'multilingual interpreting'], ['전화 민원', 'phone enquiries'], ['민원', 'complaints'], ['생활 불편 신고', 'nuisance reports'],
      ['여권 발급 안내', 'passport guidance'], ['120 콜센터', '120 call centre'], ['외국인 주민 안내', 'guidance for foreign residents']],
    tasks: [['챗봇', 'chatbot', ['nlp', 'generative']], ['자동 응답', 'automatic answers', ['nlp']], ['자동 분류', 'automatic classification', ['classification', 'nlp']],
      ['음성 상담', 'voice assistant', ['speech', 'nlp']], ['안내 로봇', 'guide robot', ['robotics', 'speech']], ['답변 초안 작성', 'draft replies', ['generative', 'nlp']]],
    datasets: [['민원 처리 기록', 'administrative', true], ['콜센터 상담 음성', 'voice', true], ['자주 묻는 질문', 'text', false], ['새올 민원 분류 체계', 'administrative', false]],
    domain: ['none'],
    indicators: [['상담 건수', 'Enquiries answered'], ['자동 응답률', 'Automatic answer rate'], ['평균 처리 시간 (일)', 'Average handling time (days)']],
  },
  economy: {
    topics: [['일자리 매칭', 'job matching'], ['소상공인 보증', 'small business guarantees'], ['창업 지원', 'start-up support'], ['지역화폐 소비', 'local currency spending'],
      ['전통시장 상권', 'traditional markets'], ['청년 구직', 'young job seekers'], ['중소기업 수출', 'SME exports']],
    tasks: [['추천', 'recommendations', ['recommendation']], ['심사 보조', 'screening assistance', ['prediction', 'classification']], ['수요 분석', 'demand analysis', ['prediction']],
      ['상담 챗봇', 'chatbot', ['nlp', 'generative']], ['부정 사용 탐지', 'fraud detection', ['anomaly_detection']]],
    datasets: [['구인·구직 정보', 'administrative', true], ['카드 매출 자료', 'purchased', false], ['보증 심사 자료', 'administrative', true], ['지역화폐 결제 기록', 'administrative', true]],
    domain: ['none', 'hiring_loan', 'hiring_loan'],
    indicators: [['매칭 건수', 'Matches'], ['취업자 수', 'People hired'], ['지원 기업 수', 'Firms supported']],
  },
  culture: {
    topics: [['관광 코스', 'tourist routes'], ['도서관 안내', 'library guidance'], ['문화행사', 'cultural events'], ['박물관 해설', 'museum commentary'], ['축제 방문객', 'festival visitors'],
      ['체육시설 예약', 'sports facility booking']],
    tasks: [['추천', 'recommendations', ['recommendation']], ['안내 로봇', 'guide robot', ['robotics', 'speech']], ['방문객 예측', 'visitor forecasting', ['prediction']],
      ['해설 생성', 'generated commentary', ['generative', 'nlp']], ['다국어 챗봇', 'multilingual chatbot', ['nlp']]],
    datasets: [['관광객 이동 통계', 'purchased', false], ['도서 대출 기록', 'administrative', true], ['문화시설 예약 기록', 'administrative', true]],
    domain: ['none'],
    indicators: [['이용자 수', 'Users'], ['추천 클릭 수', 'Recommendation clicks']],
  },
  education: {
    topics: [['진로 상담', 'career guidance'], ['기초학력 진단', 'basic skills assessment'], ['평생학습 강좌', 'lifelong learning courses'], ['학교 급식', 'school meals'],
      ['방과후 프로그램', 'after-school programmes'], ['디지털 교과서', 'digital textbooks']],
    tasks: [['추천', 'recommendations', ['recommendation']], ['학습 분석', 'learning analytics', ['prediction', 'classification']], ['튜터 챗봇', 'tutor chatbot', ['nlp', 'generative']],
      ['수요 예측', 'demand forecasting', ['prediction']]],
    datasets: [['학습 이력', 'administrative', true], ['강좌 수강 기록', 'administrative', true], ['급식 잔반 측정', 'sensor', false]],
    domain: ['none', 'student_evaluation'],
    indicators: [['이용 학생 수', 'Students'], ['수강 신청 건수', 'Enrolments']],
  },
  agriculture: {
    topics: [['농작물 병해충', 'crop pests'], ['스마트팜 생육', 'smart farm growth'], ['가축 질병', 'livestock disease'], ['농산물 가격', 'farm produce prices'], ['토양 양분', 'soil nutrients'],
      ['드론 방제', 'drone spraying'], ['과수 화상병', 'fire blight']],
    tasks: [['진단', 'diagnosis', ['computer_vision', 'classification']], ['예측', 'prediction', ['prediction']], ['조기 경보', 'early warning', ['anomaly_detection']],
      ['생육 관리 최적화', 'growth optimisation', ['optimisation']], ['자동 탐지', 'automatic detection', ['computer_vision']]],
    datasets: [['작물 잎 사진', 'image', false], ['스마트팜 센서', 'sensor', false], ['가축 이동 기록', 'administrative', false], ['농산물 도매시장 가격', 'open_data', false]],
    domain: ['none'],
    indicators: [['진단 건수', 'Diagnoses'], ['피해 면적 (ha)', 'Damaged area (ha)']],
  },
  urban: {
    topics: [['공공임대주택 하자', 'public rental housing defects'], ['건축 인허가', 'building permits'], ['도시계획', 'urban planning'], ['빈집', 'vacant houses'],
      ['노후 건축물', 'ageing buildings'], ['재개발 구역', 'redevelopment zones'], ['전세 사기 위험', 'rental deposit fraud risk']],
    tasks: [['민원 분석', 'complaint analysis', ['nlp', 'classification']], ['안전 진단', 'safety inspection', ['computer_vision']], ['검토 지원', 'review assistance', ['nlp']],
      ['위험 예측', 'risk prediction', ['prediction']], ['현황 분석', 'analysis', ['computer_vision', 'prediction']]],
    datasets: [['건축물대장', 'administrative', false], ['하자 민원 기록', 'administrative', true], ['위성·항공 영상', 'image', false], ['전월세 신고 자료', 'administrative', true]],
    domain: ['none', 'public_decision'],
    indicators: [['검토 건수', 'Reviews'], ['발견 건수', 'Cases found']],
  },
  tax: {
    topics: [['지방세 체납', 'local tax arrears'], ['세외수입', 'non-tax revenue'], ['재정 집행', 'budget execution'], ['부동산 공시가격', 'assessed property values'],
      ['보조금 부정 수급', 'subsidy fraud']],
    tasks: [['징수 우선순위 예측', 'collection prioritisation', ['prediction']], ['이상 탐지', 'anomaly detection', ['anomaly_detection']], ['상담 챗봇', 'chatbot', ['nlp']],
      ['자동 분류', 'automatic classification', ['classification']]],
    datasets: [['지방세 부과·징수 자료', 'administrative', true], ['보조금 집행 내역', 'administrative', true], ['부동산 거래 신고', 'administrative', true]],
    domain: ['none', 'public_decision'],
    indicators: [['징수액 (백만 원)', 'Collected (KRW million)'], ['적발 건수', 'Cases detected']],
  },
};

const FIELDS = Object.keys(FIELD_WORDS) as Field[];
/** Skewed like a real registry: more welfare, safety and citizen services than agriculture. */
const FIELD_WEIGHTS: Record<Field, number> = {
  welfare: 14, health: 9, safety: 12, transport: 10, environment: 8, administration: 12, civil_service: 12, economy: 6, culture: 5, education: 4,
  agriculture: 3, urban: 3, tax: 2,
};
const FIELD_TABLE = FIELDS.flatMap((f) => Array(FIELD_WEIGHTS[f]).fill(f) as Field[]);

/** Appear in about one service in two thousand: the "rare word" query. */
const RARE: Pair[] = [['반딧불이 서식지', 'firefly habitats'], ['꿀벌 실종', 'vanishing honeybees'], ['철새 도래지', 'migratory bird sites'], ['무형문화재 음원', 'intangible heritage recordings']];

const PREFIXES = ['', '', '', 'AI 기반 ', '인공지능 ', '스마트 ', '데이터 기반 ', '지능형 '];
const VENDORS = ['네이버클라우드', '카카오엔터프라이즈', 'LG CNS', '삼성SDS', 'KT', 'SK텔레콤', '솔트룩스', '마음AI', '루닛', '뷰노', '업스테이지', '코난테크놀로지', '자체 개발'];
const MODELS = ['HyperCLOVA X', 'EXAONE 3.5', 'Solar Pro', 'GPT-4o', 'KoBERT', 'YOLOv8', 'ResNet-50', 'XGBoost', 'LightGBM', 'Whisper', 'Lunit INSIGHT CXR', 'VUNO Med-DeepBrain'];
const GOALS = [
  '도민의 안전과 삶의 질을 높이고 행정 서비스의 접근성을 넓히기 위해 도입했습니다.',
  '담당 인력이 부족한 상황에서 반복 업무를 줄이고 현장 대응 시간을 확보하기 위해 도입했습니다.',
  '위험 신호를 조기에 파악해 선제적으로 대응하기 위해 도입했습니다.',
  '데이터에 근거한 정책 결정을 지원하고 예산을 효율적으로 집행하기 위해 도입했습니다.',
  '취약계층이 필요한 지원을 놓치지 않도록 하기 위해 도입했습니다.',
  '민원 처리 기간을 줄이고 도민 만족도를 높이기 위해 도입했습니다.',
];
const EXTRA = [
  '담당 공무원이 결과를 확인한 뒤 조치합니다.', '시범 운영 결과를 바탕으로 대상 지역을 넓힐 계획입니다.', '현장 공무원의 업무 부담을 줄이는 효과가 있습니다.', '분기마다 정확도를 점검해 결과를 공개합니다.', '장애인과 고령자도 쉽게 이용할 수 있도록 화면을 설계했습니다.',
  '민간 클라우드에서 운영하며 보안 인증을 받았습니다.', '이용 실적은 매월 집계해 부서 간에 공유합니다.',
  '야간과 휴일에도 운영합니다.', '개인정보는 가명처리 후 분석합니다.', '관계 부서와 데이터를 연계해 정확도를 높였습니다.', '도민 의견을 반영해 기능을 개선하고 있습니다.',
  '외부 전문가 자문을 거쳐 모델을 검증했습니다.', '관련 지원 서비스와 연계해 운영합니다.',
];
const EFFECTS = [
  (r: Rng) => `처리 시간이 평균 ${10 + Math.floor(r() * 60)}% 줄었습니다.`,
  (r: Rng) => `연간 약 ${1 + Math.floor(r() * 40)}억 원의 예산 절감 효과가 있었습니다.`,
  (r: Rng) => `월평균 ${100 + Math.floor(r() * 9000)}건을 처리하고 있습니다.`,
  (r: Rng) => `이용자 만족도 조사에서 ${60 + Math.floor(r() * 35)}점을 받았습니다.`,
  (r: Rng) => `위험 사례 ${1 + Math.floor(r() * 300)}건을 조기에 발견했습니다.`,
];
const ETHICS_HOW = [
  '입력 데이터의 편향을 분기마다 점검합니다.', '가명처리와 접근 권한 통제를 적용합니다.', '결과를 사람이 검토한 뒤 통지합니다.', '이 등록부와 누리집에 운영 정보를 공개합니다.',
  '오류 신고 창구를 두고 모델을 재학습합니다.', '취약계층 이용자를 위한 대체 수단을 제공합니다.', '외부 전문가 위원회가 연 1회 검증합니다.',
];
const ETHICS_KEYS = ['human_rights', 'privacy', 'diversity', 'no_harm', 'public_good', 'solidarity', 'data_management', 'accountability', 'safety', 'transparency'] as const;
const WELFARE_DEPARTMENTS = ['복지정책과', '노인복지과', '아동돌봄과'];
const DEPARTMENTS = ['AI정책과', '디지털정책과', '데이터정책과', '안전총괄과', '교통정책과', '환경정책과', '민원여권과', '정보통신과', '일자리정책과', '보건정책과', '세정과', '도시정책과'];

export interface BodyRef {
  id: number;
  code: string;
  kind: string;
  nameKo: string;
}

export interface GeneratedService {
  body: BodyRef;
  /** Earlier versions first; the last is the current one. */
  versions: { disclosure: DisclosureInput & { schemaVersion: string }; publishedAt: Date; changeReason: string | null }[];
}

const DAY = 86_400_000;
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2025, 11, 31);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** One service: 1 to 3 published versions of a varied, valid disclosure. */
export function generateService(r: Rng, bodies: { real: BodyRef[]; extra: BodyRef[] }): GeneratedService {
  const body = bodies.extra.length && chance(r, 0.4) ? pick(r, bodies.extra) : pick(r, bodies.real);
  const field = pick(r, FIELD_TABLE);
  const w = FIELD_WORDS[field];
  const rare = chance(r, 0.002) ? pick(r, RARE) : undefined;
  const topic = rare ?? pick(r, w.topics);
  const task = pick(r, w.tasks);
  const tech = [...new Set<Tech>([...task[2], ...(chance(r, 0.2) ? [pick(r, ['prediction', 'classification', 'nlp', 'recommendation'] as Tech[])] : [])])];
  const generative = tech.includes('generative');
  const place = body.kind === 'city' || body.kind === 'county' ? body.nameKo + ' ' : '';
  const name = `${place}${pick(r, PREFIXES)}${topic[0]} ${task[0]}`;
  const withEn = chance(r, 0.7);
  const dept = pick(r, field === 'welfare' ? WELFARE_DEPARTMENTS : DEPARTMENTS);
  const personal = w.datasets.some((d) => d[2]) && chance(r, 0.55);
  const domain = pick(r, w.domain);
  const effect = domain === 'none' ? 'none' : chance(r, 0.6) ? (domain === 'transport' || domain === 'drinking_water' || domain === 'energy' ? 'safety' : 'fundamental_rights') : 'none';
  const human = chance(r, 0.9);
  const datasets = some(r, w.datasets, 1, 3).map(([dn, kind, p]) => ({ name: dn, sourceBody: chance(r, 0.7) ? body.nameKo : '경기도', kind, personal: personal && p }));
  const published = FROM + Math.floor(r() * (TO - FROM));
  const start = published - Math.floor(r() * 700) * DAY;
  const status: DisclosureInput['status'] = pick(r, ['operating', 'operating', 'operating', 'pilot', 'pilot', 'planned', 'discontinued']);
  const outcomes = chance(r, 0.4)
    ? some(r, w.indicators, 1, 2).map(([ko, en]) => ({
        name: { ko, en }, unit: ko.includes('(') ? undefined : '건',
        values: Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => ({ date: iso(start + (i + 1) * 180 * DAY), value: Math.round(r() * 5000) })),
      }))
    : [];
  const requirements = Object.fromEntries(some(r, ETHICS_KEYS, 0, 5).map((k) => [k, { level: pick(r, ['met', 'met', 'partial', 'not_applicable'] as const), how: pick(r, ETHICS_HOW) }]));
  const disclosure: DisclosureInput & { schemaVersion: string } = {
    schemaVersion: SCHEMA_VERSION,
    name: withEn ? { ko: name, en: `${topic[1][0].toUpperCase()}${topic[1].slice(1)} ${task[1]}` } : { ko: name },
    summary: withEn
      ? { ko: `${body.nameKo}에서 ${topic[0]} 관련 데이터를 분석해 ${task[0]} 업무를 지원하는 AI 서비스입니다. ${pick(r, EXTRA)}`, en: `An AI service of ${body.code} for ${topic[1]}: ${task[1]}.` }
      : { ko: `${body.nameKo}에서 ${topic[0]} 관련 데이터를 분석해 ${task[0]} 업무를 지원하는 AI 서비스입니다. ${pick(r, EXTRA)}` },
    department: chance(r, 0.6) ? dept : undefined,
    contact: { department: dept, phone: `031-${100 + Math.floor(r() * 900)}-${1000 + Math.floor(r() * 9000)}`, email: chance(r, 0.5) ? 'ai@gg.go.kr' : undefined },
    status,
    startDate: iso(start),
    endDate: status === 'discontinued' ? iso(published) : undefined,
    field,
    technologyTypes: tech,
    functions: chance(r, 0.7) ? { ko: `${topic[0]} 데이터 수집, ${task[0]}, 결과 통보 및 담당자 검토` } : undefined,
    algorithm: chance(r, 0.5) ? { ko: `${pick(r, MODELS)} 모델을 ${body.nameKo} 데이터로 미세 조정해 사용합니다.` } : undefined,
    vendor: chance(r, 0.8) ? pick(r, VENDORS) : undefined,
    model: chance(r, 0.5) ? pick(r, MODELS) : undefined,
    purpose: { ko: `${topic[0]} 문제에 대응하기 위해 ${pick(r, GOALS)} ${pick(r, EXTRA)}` },
    data: { description: { ko: `${datasets.map((d) => d.name).join(', ')} 등 업무 데이터` }, datasets },
    personalInfo: {
      processesPersonal: personal, sensitive: personal && chance(r, 0.2), uniqueIdentifier: personal && chance(r, 0.1),
      legalBasis: personal ? some(r, ['pipa-15-1-3', 'pipa-15-1-2', 'pipa-15-1-1', 'pipa-23', 'pipa-28-2'] as const, 1, 2) : [],
      legalBasisNote: personal && chance(r, 0.3) ? '「개인정보 보호법」 및 소관 법령에 따른 업무 수행' : undefined,
      automatedDecision: personal && !human, privacyImpactAssessment: personal ? pick(r, ['done', 'not_done'] as const) : 'not_required',
    },
    effects: { ko: `${pick(r, EFFECTS)(r)} ${pick(r, EXTRA)}` },
    outcomes,
    ethics: { summary: { ko: '국가 인공지능 윤리기준의 10대 핵심요건에 따라 자체 점검했습니다.' }, requirements },
    humanOversight: { ko: human ? '담당 공무원이 AI 결과를 검토하고 최종 결정을 내립니다.' : '정해진 기준에 따라 자동으로 처리하고 담당자가 사후에 점검합니다.' },
    objection: { ko: `${dept}에 전화나 전자우편으로 이의를 제기하고 사람의 검토를 요청할 수 있습니다.` },
    aiAct: {
      domain, effect, humanInFinalDecision: human, generative,
      interventionPoint: human ? '담당자의 최종 검토' : undefined,
      generativeLabelling: generative ? '생성 결과물에 "AI 생성" 표시' : undefined,
    },
    budget: chance(r, 0.5) ? { amountKrw: (1 + Math.floor(r() * 200)) * 5_000_000 } : undefined,
    programme: chance(r, 0.2) ? '경기도 AI 행정 혁신 사업' : undefined,
  };
  const versions: GeneratedService['versions'] = [];
  const extraVersions = chance(r, 0.1) ? 1 + Math.floor(r() * 2) : 0;
  for (let v = extraVersions; v > 0; v--) {
    // Earlier versions: the service was a pilot, with fewer outcomes.
    const at = published - v * (30 + Math.floor(r() * 200)) * DAY;
    versions.push({ disclosure: { ...disclosure, status: 'pilot', endDate: undefined, outcomes: [] }, publishedAt: new Date(at), changeReason: v === extraVersions ? null : '성과 지표 추가' });
  }
  versions.push({ disclosure, publishedAt: new Date(published), changeReason: versions.length ? pick(r, ['운영 상태 변경', '성과 지표 갱신', '데이터 항목 보완']) : null });
  return { body, versions };
}

/** About a thousand bodies in all: the real ones plus public institutions named like real ones. */
export function extraBodies(count: number): { code: string; kind: 'institution'; nameKo: string; nameEn: string }[] {
  const places = ['수원', '성남', '용인', '고양', '화성', '부천', '남양주', '안산', '평택', '안양', '시흥', '파주', '김포', '의정부', '광주', '하남', '광명', '군포', '오산', '이천'];
  const kinds: Pair[] = [['복지재단', 'Welfare Foundation'], ['도시공사', 'Urban Corporation'], ['시설관리공단', 'Facilities Corporation'], ['문화재단', 'Cultural Foundation'],
    ['산업진흥원', 'Industry Promotion Agency'], ['청소년재단', 'Youth Foundation'], ['평생교육원', 'Lifelong Learning Institute'], ['의료원', 'Medical Center'], ['연구원', 'Research Institute'],
    ['일자리센터', 'Jobs Center'], ['환경공단', 'Environment Corporation'], ['체육회', 'Sports Council']];
  return Array.from({ length: count }, (_, i) => {
    const p = places[i % places.length];
    const k = kinds[Math.floor(i / places.length) % kinds.length];
    const n = Math.floor(i / (places.length * kinds.length)) + 1;
    return { code: `BENCH-${String(i + 1).padStart(4, '0')}`, kind: 'institution', nameKo: `${p}${k[0]}${n > 1 ? ` 제${n}분원` : ''}`, nameEn: `${p} ${k[1]}${n > 1 ? ` branch ${n}` : ''}` };
  });
}
