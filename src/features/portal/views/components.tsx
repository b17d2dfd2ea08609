import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';

export function Badges(p: { lang: Lang; isExample: boolean; highImpact: boolean; generative: boolean; personal: boolean; statusLabel?: string }): JSX.Element {
  return (
    <span class="badges">
      {p.isExample ? <span class="krds-badge bg-warning" safe>{t('example', p.lang)}</span> : ''}
      {p.statusLabel ? <span class="krds-badge outline-secondary" safe>{p.statusLabel}</span> : ''}
      {p.highImpact ? <span class="krds-badge bg-danger" safe>{t('highImpact', p.lang)}</span> : ''}
      {p.generative ? <span class="krds-badge bg-information" safe>{t('generative', p.lang)}</span> : ''}
      {p.personal ? <span class="krds-badge outline-primary" safe>{t('personal', p.lang)}</span> : ''}
    </span>
  );
}

export function Pagination(p: { lang: Lang; path: string; query: Record<string, string | number | undefined>; page: number; pageSize: number; total: number }): JSX.Element {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (pages <= 1) return <></>;
  const link = (n: number) => href(p.path, p.lang, { ...p.query, page: n === 1 ? undefined : n });
  const from = Math.max(1, p.page - 4);
  const to = Math.min(pages, from + 8);
  const numbers: number[] = [];
  for (let i = from; i <= to; i++) numbers.push(i);
  return (
    <nav class="krds-pagination" aria-label={p.lang === 'ko' ? '페이지 이동' : 'Pages'}>
      {p.page > 1 ? <a class="page-navi prev" href={link(p.page - 1)} safe>{t('prev', p.lang)}</a> : ''}
      <div class="page-links">
        {numbers.map((n) =>
          n === p.page ? (
            <a class="page-link active" href={link(n)} aria-current="page">
              <span class="sr-only" safe>{t('currentPage', p.lang)}</span>
              {String(n) as 'safe'}
            </a>
          ) : (
            <a class="page-link" href={link(n)}>{String(n) as 'safe'}</a>
          ),
        )}
      </div>
      {p.page < pages ? <a class="page-navi next" href={link(p.page + 1)} safe>{t('next', p.lang)}</a> : ''}
    </nav>
  );
}

/** A horizontal bar chart that reads without JavaScript and without colour: a figure with its numbers. */
export function BarChart(p: { title: string; rows: { label: string; value: number; href?: string }[]; unit?: string }): JSX.Element {
  const max = Math.max(1, ...p.rows.map((r) => r.value));
  return (
    <figure class="chart">
      <figcaption safe>{p.title}</figcaption>
      {p.rows.map((r) => (
        <div class="bar-row">
          {r.href ? <a href={r.href} safe>{r.label}</a> : <span safe>{r.label}</span>}
          <div class="bar" style={`width:${((r.value / max) * 100).toFixed(1)}%`} aria-hidden="true"></div>
          <span safe>{`${r.value.toLocaleString('ko-KR')}${p.unit ?? ''}`}</span>
        </div>
      ))}
    </figure>
  );
}

/** An outcome indicator over time: an SVG line chart plus the same values as a table. */
export function OutcomeChart(p: { lang: Lang; name: string; unit: string | null; values: { date: string; value: number; note?: string }[] }): JSX.Element {
  const w = 480, h = 160, pad = 36;
  const max = Math.max(1, ...p.values.map((v) => v.value));
  const step = p.values.length > 1 ? (w - pad * 2) / (p.values.length - 1) : 0;
  const pts = p.values.map((v, i) => ({ x: pad + i * step + (p.values.length === 1 ? (w - pad * 2) / 2 : 0), y: h - pad - (v.value / max) * (h - pad * 2), v }));
  const fmt = (n: number) => n.toLocaleString('ko-KR');
  return (
    <figure class="chart">
      <figcaption safe>{p.unit ? `${p.name} (${p.unit})` : p.name}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={`${p.name}: ${p.values.map((v) => `${v.date} ${fmt(v.value)}`).join(', ')}`}>
        <line x1={String(pad)} y1={String(h - pad)} x2={String(w - pad)} y2={String(h - pad)} stroke="#8a949e" />
        {pts.length > 1 ? <polyline fill="none" stroke="#256ef4" stroke-width="2" points={pts.map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`).join(' ')} /> : ''}
        {pts.map((q) => (
          <>
            <circle cx={q.x.toFixed(1)} cy={q.y.toFixed(1)} r="4" fill="#256ef4" />
            <text x={q.x.toFixed(1)} y={(q.y - 8).toFixed(1)} text-anchor="middle" font-size="12" safe>{fmt(q.v.value)}</text>
            <text x={q.x.toFixed(1)} y={String(h - pad + 16)} text-anchor="middle" font-size="11" safe>{q.v.date}</text>
          </>
        ))}
      </svg>
      <table class="simple">
        <caption class="sr-only" safe>{p.name}</caption>
        <thead><tr><th scope="col" safe>{p.lang === 'ko' ? '기준일' : 'Date'}</th><th scope="col" safe>{p.lang === 'ko' ? '값' : 'Value'}</th><th scope="col" safe>{p.lang === 'ko' ? '비고' : 'Note'}</th></tr></thead>
        <tbody>
          {p.values.map((v) => (
            <tr><td safe>{v.date}</td><td safe>{fmt(v.value)}</td><td safe>{v.note ?? ''}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
