import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';

export interface HomeProps {
  lang: Lang;
  totals: { services: number; bodies: number; personal: number; highImpact: number; generative: number; examples: number };
  changes: { publicId: string; versionNo: number; changeReason: string | null; publishedAt: Date; name: string; nameEn: string | null; bodyNameKo: string; bodyNameEn: string | null; isExample: boolean }[];
}

export function Home(p: HomeProps): JSX.Element {
  const { lang, totals } = p;
  const ko = lang === 'ko';
  const cards: [string, number, string][] = [
    [ko ? '공개된 AI 서비스' : 'AI services disclosed', totals.services, href('/services', lang)],
    [ko ? '참여 기관' : 'Bodies', totals.bodies, href('/bodies', lang)],
    [ko ? '개인정보 처리 서비스' : 'Process personal data', totals.personal, href('/services', lang, { personal: 'true' })],
    [ko ? '고영향 AI' : 'High-impact AI', totals.highImpact, href('/services', lang, { highImpact: 'true' })],
    [ko ? '생성형 AI' : 'Generative AI', totals.generative, href('/services', lang, { generative: 'true' })],
  ];
  return (
    <Layout lang={lang} title={ko ? '홈' : 'Home'} path="/" description={t('siteTagline', lang)}>
      <h1 safe>{t('siteName', lang)}</h1>
      <p class="lead" safe>
        {ko
          ? '경기도는 전국 최초로 공공부문 AI 등록제를 시행합니다. 도·시군·공공기관이 운영하는 AI 서비스마다 도입 목적, 활용 분야, 사용 데이터와 출처, 개인정보 여부와 근거, 도입 효과·성과, 윤리적 고려사항을 공개합니다.'
          : 'Gyeonggi runs Korea’s first public-sector AI registry. For every AI service run by the province, its cities and counties and its public institutions, it discloses the purpose, field of use, data and sources, personal information and legal basis, effects and outcomes, and ethical considerations.'}
      </p>
      <form method="get" action="/services" role="search" class="searchbar">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : ''}
        <label for="home-q" class="sr-only" safe>{t('searchLabel', lang)}</label>
        <input id="home-q" name="q" type="search" class="krds-input" placeholder={t('searchPlaceholder', lang)} />
        <button type="submit" class="krds-btn primary medium" safe>{t('search', lang)}</button>
      </form>
      <h2 safe>{ko ? '등록 현황' : 'At a glance'}</h2>
      <ul class="cards">
        {cards.map(([label, n, link]) => (
          <li class="card">
            <a href={link}>
              <span class="num" safe>{n.toLocaleString('ko-KR')}</span>
              <span safe>{label}</span>
            </a>
          </li>
        ))}
      </ul>
      {totals.examples > 0 ? (
        <p class="notice" safe>
          {ko
            ? `이 화면에는 예시 데이터 ${totals.examples}건이 함께 표시됩니다. 예시 서비스에는 ‘예시’ 표시가 붙어 있습니다.`
            : `${totals.examples} example records are shown alongside the real ones; each is marked “Example”.`}
        </p>
      ) : ''}
      <h2><a href={href('/changes', lang)} safe>{ko ? '최근 변경' : 'Recent changes'}</a></h2>
      <ul class="result-list">
        {p.changes.map((c) => (
          <li>
            <a href={href(`/services/${c.publicId}`, lang)} safe>{ko ? c.name : c.nameEn || c.name}</a>{' '}
            {c.isExample ? <span class="krds-badge bg-warning" safe>{t('example', lang)}</span> : ''}
            <p class="meta" safe>
              {`${c.publishedAt.toISOString().slice(0, 10)} · ${ko ? c.bodyNameKo : c.bodyNameEn || c.bodyNameKo} · ${c.versionNo === 1 ? (ko ? '신규 등록' : 'New') : `${ko ? '변경' : 'Changed'} v${c.versionNo}${c.changeReason ? ': ' + c.changeReason : ''}`}`}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
