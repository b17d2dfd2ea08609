import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { BODY_KINDS, FIELDS, STATUSES, TECH_TYPES, type Labels } from '../../disclosure/codes.ts';
import type { Facets } from '../../services/services.repository.ts';
import { BarChart } from './components.tsx';
import type { YearStats } from '../../statistics/statistics.repository.ts';

export interface StatsProps {
  lang: Lang;
  total: number;
  facets: Facets;
  overTime: YearStats[];
}

export function StatisticsPage(p: StatsProps): JSX.Element {
  const { lang, facets } = p;
  const ko = lang === 'ko';
  const rows = (labels: Labels, counts: Record<string, number>, param: string) =>
    Object.entries(labels).map(([k, l]) => ({ label: l[lang], value: counts[k] ?? 0, href: href('/services', lang, { [param]: k }) })).filter((r) => r.value > 0).sort((a, b) => b.value - a.value);
  const share = (counts: Record<string, number>, param: string) => [
    { label: t('yes', lang), value: counts.true ?? 0, href: href('/services', lang, { [param]: 'true' }) },
    { label: t('no', lang), value: counts.false ?? 0, href: href('/services', lang, { [param]: 'false' }) },
  ];
  const pct = (counts: Record<string, number>) => (p.total ? Math.round(((counts.true ?? 0) / p.total) * 1000) / 10 : 0);
  return (
    <Layout lang={lang} title={t('navStats', lang)} path="/statistics">
      <h1 safe>{t('navStats', lang)}</h1>
      <p class="lead" safe>{ko ? `공개된 AI 서비스 ${p.total}건의 통계입니다. 막대를 누르면 해당 서비스 목록으로 이동합니다.` : `Statistics of the ${p.total} disclosed AI services. Each label links to the matching services.`}</p>
      <ul class="cards">
        <li class="card"><span class="num" safe>{`${pct(facets.personal)}%`}</span><span safe>{ko ? '개인정보 처리 비율' : 'Share processing personal data'}</span></li>
        <li class="card"><span class="num" safe>{`${pct(facets.highImpact)}%`}</span><span safe>{ko ? '고영향 AI 비율' : 'Share high-impact'}</span></li>
        <li class="card"><span class="num" safe>{`${pct(facets.generative)}%`}</span><span safe>{ko ? '생성형 AI 비율' : 'Share generative'}</span></li>
      </ul>
      <h2 safe>{ko ? '활용 분야별' : 'By field of use'}</h2>
      <BarChart title={ko ? '활용 분야별 서비스 수' : 'Services per field of use'} rows={rows(FIELDS, facets.field, 'field')} />
      <h2 safe>{ko ? '기관 유형별' : 'By body type'}</h2>
      <BarChart title={ko ? '기관 유형별 서비스 수' : 'Services per body type'} rows={rows(BODY_KINDS, facets.bodyKind, 'bodyKind')} />
      <h2 safe>{ko ? '기술 유형별' : 'By technology'}</h2>
      <BarChart title={ko ? '기술 유형별 서비스 수 (중복 포함)' : 'Services per technology type (a service may have several)'} rows={rows(TECH_TYPES, facets.tech, 'tech')} />
      <h2 safe>{ko ? '운영 상태별' : 'By status'}</h2>
      <BarChart title={ko ? '운영 상태별 서비스 수' : 'Services per status'} rows={rows(STATUSES, facets.status, 'status')} />
      <h2 safe>{ko ? '개인정보 처리' : 'Personal data'}</h2>
      <BarChart title={ko ? '개인정보 처리 여부' : 'Processes personal data'} rows={share(facets.personal, 'personal')} />
      <h2 safe>{ko ? '고영향 AI' : 'High-impact AI'}</h2>
      <BarChart title={ko ? '고영향 AI 해당 여부' : 'High-impact AI'} rows={share(facets.highImpact, 'highImpact')} />
      <h2 safe>{ko ? '연도별 도입' : 'Over time'}</h2>
      <BarChart title={ko ? '운영 시작 연도별 신규 서비스 수' : 'New services by year of start'} rows={p.overTime.map((y) => ({ label: String(y.year), value: y.started }))} />
      <BarChart title={ko ? '연도별 누적 서비스 수' : 'Services in operation, cumulative'} rows={p.overTime.map((y) => ({ label: String(y.year), value: y.cumulative }))} />
      <BarChart title={ko ? '연도별 고영향 AI 비율 (신규 서비스 중, %)' : 'Share of high-impact AI among new services (%)'} unit="%" rows={p.overTime.map((y) => ({ label: String(y.year), value: y.started ? Math.round((y.highImpact / y.started) * 100) : 0 }))} />
      <BarChart title={ko ? '연도별 개인정보 처리 비율 (신규 서비스 중, %)' : 'Share processing personal data among new services (%)'} unit="%" rows={p.overTime.map((y) => ({ label: String(y.year), value: y.started ? Math.round((y.personal / y.started) * 100) : 0 }))} />
      <div class="krds-table-wrap">
        <table class="simple">
          <caption safe>{ko ? '연도·분야별 신규 서비스 수' : 'New services by year and field of use'}</caption>
          <thead><tr><th scope="col" safe>{ko ? '분야' : 'Field'}</th>{p.overTime.map((y) => <th scope="col" safe>{String(y.year)}</th>)}</tr></thead>
          <tbody>
            {Object.entries(FIELDS).filter(([k]) => p.overTime.some((y) => y.byField[k])).map(([k, l]) => (
              <tr><th scope="row" safe>{l[lang]}</th>{p.overTime.map((y) => <td safe>{String(y.byField[k] ?? 0)}</td>)}</tr>
            ))}
          </tbody>
        </table>
        <table class="simple">
          <caption safe>{ko ? '연도·기관 유형별 신규 서비스 수' : 'New services by year and body type'}</caption>
          <thead><tr><th scope="col" safe>{ko ? '기관 유형' : 'Body type'}</th>{p.overTime.map((y) => <th scope="col" safe>{String(y.year)}</th>)}</tr></thead>
          <tbody>
            {Object.entries(BODY_KINDS).filter(([k]) => p.overTime.some((y) => y.byBodyKind[k])).map(([k, l]) => (
              <tr><th scope="row" safe>{l[lang]}</th>{p.overTime.map((y) => <td safe>{String(y.byBodyKind[k] ?? 0)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="no-print"><a href="/api/v1/statistics" safe>{ko ? '통계 데이터 (JSON)' : 'Statistics as JSON'}</a></p>
    </Layout>
  );
}
