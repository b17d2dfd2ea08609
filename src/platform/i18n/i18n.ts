export type Lang = 'ko' | 'en';

export function langOf(query: unknown, cookie: string | undefined): Lang {
  const q = (query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'ko') return q;
  return cookie === 'en' ? 'en' : 'ko';
}

/** A link that keeps the reader's language (English pages carry ?lang=en, so permalinks stay exact). */
export function href(path: string, lang: Lang, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  if (lang === 'en') search.set('lang', 'en');
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

const MESSAGES = {
  siteName: { ko: '경기도 공공부문 AI 등록부', en: 'Gyeonggi Public AI Registry' },
  siteTagline: { ko: '경기도·시군·공공기관이 운영하는 인공지능 서비스를 공개합니다', en: 'AI services run by Gyeonggi Province, its cities and counties and public institutions' },
  skip: { ko: '본문 바로가기', en: 'Skip to content' },
  navHome: { ko: '홈', en: 'Home' },
  navServices: { ko: '서비스 찾기', en: 'Find services' },
  navBodies: { ko: '기관별 보기', en: 'Bodies' },
  navStats: { ko: '통계', en: 'Statistics' },
  navData: { ko: '공공데이터·API', en: 'Open data & API' },
  langSwitch: { ko: 'English', en: '한국어' },
  search: { ko: '검색', en: 'Search' },
  searchLabel: { ko: '서비스 검색어', en: 'Search services' },
  searchPlaceholder: { ko: '예: 고독사, 진단, 복지', en: 'e.g. chatbot, diagnosis' },
  example: { ko: '예시', en: 'Example' },
  exampleNote: { ko: '예시 데이터입니다. 실제 운영 서비스가 아닙니다.', en: 'Example data, not a real service.' },
  highImpact: { ko: '고영향 AI', en: 'High-impact AI' },
  generative: { ko: '생성형 AI', en: 'Generative AI' },
  personal: { ko: '개인정보 처리', en: 'Personal data' },
  results: { ko: '검색 결과', en: 'Results' },
  noResults: { ko: '조건에 맞는 서비스가 없습니다.', en: 'No services match.' },
  filters: { ko: '필터', en: 'Filters' },
  apply: { ko: '적용', en: 'Apply' },
  reset: { ko: '초기화', en: 'Reset' },
  all: { ko: '전체', en: 'All' },
  yes: { ko: '예', en: 'Yes' },
  no: { ko: '아니오', en: 'No' },
  sort: { ko: '정렬', en: 'Sort' },
  prev: { ko: '이전', en: 'Previous' },
  next: { ko: '다음', en: 'Next' },
  currentPage: { ko: '현재 페이지', en: 'Current page' },
  footer: { ko: '경기도 AI국 · 이 등록부의 모든 공개 정보는 공공누리 제1유형으로 자유롭게 이용할 수 있습니다.', en: 'Gyeonggi AI Bureau · All public information in this registry may be reused freely (KOGL Type 1).' },
} as const;

export type MessageKey = keyof typeof MESSAGES;
export function t(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}
