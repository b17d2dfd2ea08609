/**
 * The bodies of Gyeonggi-do: the province, departments named in the source article (AI국) and
 * common provincial offices, the 31 cities and counties, and provincial public institutions.
 * Codes: GG for the province, GG-<dept> for departments, the 5-digit statistical district code
 * (시군구 코드, 41xxx) for cities and counties, GGI-<name> for institutions.
 */
export interface BodySeed {
  code: string;
  kind: 'province' | 'department' | 'city' | 'county' | 'institution';
  nameKo: string;
  nameEn: string;
  parent?: string;
}

const cities: [string, string, string][] = [
  ['41110', '수원시', 'Suwon'], ['41130', '성남시', 'Seongnam'], ['41150', '의정부시', 'Uijeongbu'], ['41170', '안양시', 'Anyang'],
  ['41190', '부천시', 'Bucheon'], ['41210', '광명시', 'Gwangmyeong'], ['41220', '평택시', 'Pyeongtaek'], ['41250', '동두천시', 'Dongducheon'],
  ['41270', '안산시', 'Ansan'], ['41280', '고양시', 'Goyang'], ['41290', '과천시', 'Gwacheon'], ['41310', '구리시', 'Guri'],
  ['41360', '남양주시', 'Namyangju'], ['41370', '오산시', 'Osan'], ['41390', '시흥시', 'Siheung'], ['41410', '군포시', 'Gunpo'],
  ['41430', '의왕시', 'Uiwang'], ['41450', '하남시', 'Hanam'], ['41460', '용인시', 'Yongin'], ['41480', '파주시', 'Paju'],
  ['41500', '이천시', 'Icheon'], ['41550', '안성시', 'Anseong'], ['41570', '김포시', 'Gimpo'], ['41590', '화성시', 'Hwaseong'],
  ['41610', '광주시', 'Gwangju'], ['41630', '양주시', 'Yangju'], ['41650', '포천시', 'Pocheon'], ['41670', '여주시', 'Yeoju'],
];
const counties: [string, string, string][] = [['41800', '연천군', 'Yeoncheon'], ['41820', '가평군', 'Gapyeong'], ['41830', '양평군', 'Yangpyeong']];

export const BODIES: BodySeed[] = [
  { code: 'GG', kind: 'province', nameKo: '경기도', nameEn: 'Gyeonggi Province' },
  { code: 'GG-AI', kind: 'department', nameKo: '경기도 AI국', nameEn: 'Gyeonggi AI Bureau', parent: 'GG' },
  { code: 'GG-WELFARE', kind: 'department', nameKo: '경기도 복지국', nameEn: 'Gyeonggi Welfare Bureau', parent: 'GG' },
  { code: 'GG-HEALTH', kind: 'department', nameKo: '경기도 보건건강국', nameEn: 'Gyeonggi Health Bureau', parent: 'GG' },
  { code: 'GG-SAFETY', kind: 'department', nameKo: '경기도 안전관리실', nameEn: 'Gyeonggi Safety Management Office', parent: 'GG' },
  { code: 'GG-TRANSPORT', kind: 'department', nameKo: '경기도 교통국', nameEn: 'Gyeonggi Transport Bureau', parent: 'GG' },
  ...cities.map(([code, ko, en]) => ({ code, kind: 'city' as const, nameKo: ko, nameEn: `${en} City`, parent: 'GG' })),
  ...counties.map(([code, ko, en]) => ({ code, kind: 'county' as const, nameKo: ko, nameEn: `${en} County`, parent: 'GG' })),
  { code: 'GGI-MEDICAL', kind: 'institution', nameKo: '경기도의료원', nameEn: 'Gyeonggi Provincial Medical Center', parent: 'GG' },
  { code: 'GGI-GRI', kind: 'institution', nameKo: '경기연구원', nameEn: 'Gyeonggi Research Institute', parent: 'GG' },
  { code: 'GGI-GBSA', kind: 'institution', nameKo: '경기도경제과학진흥원', nameEn: 'Gyeonggi Business & Science Accelerator', parent: 'GG' },
  { code: 'GGI-JOBS', kind: 'institution', nameKo: '경기도일자리재단', nameEn: 'Gyeonggi Jobs Foundation', parent: 'GG' },
  { code: 'GGI-GH', kind: 'institution', nameKo: '경기주택도시공사', nameEn: 'Gyeonggi Housing & Urban Development Corporation', parent: 'GG' },
  { code: 'GGI-TOUR', kind: 'institution', nameKo: '경기관광공사', nameEn: 'Gyeonggi Tourism Organization', parent: 'GG' },
  { code: 'GGI-CULTURE', kind: 'institution', nameKo: '경기문화재단', nameEn: 'Gyeonggi Cultural Foundation', parent: 'GG' },
  { code: 'GGI-WELFARE', kind: 'institution', nameKo: '경기복지재단', nameEn: 'Gyeonggi Welfare Foundation', parent: 'GG' },
  { code: 'GGI-CREDIT', kind: 'institution', nameKo: '경기신용보증재단', nameEn: 'Gyeonggi Credit Guarantee Foundation', parent: 'GG' },
  { code: 'GGI-CONTENT', kind: 'institution', nameKo: '경기콘텐츠진흥원', nameEn: 'Gyeonggi Content Agency', parent: 'GG' },
  { code: 'GGI-SOCIAL', kind: 'institution', nameKo: '경기도사회서비스원', nameEn: 'Gyeonggi Social Service Agency', parent: 'GG' },
  { code: 'GGI-TRANSPORT', kind: 'institution', nameKo: '경기교통공사', nameEn: 'Gyeonggi Transportation Corporation', parent: 'GG' },
];
