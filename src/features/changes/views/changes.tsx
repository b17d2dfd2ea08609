import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../portal/views/components.tsx';
import type { Change } from '../changes.service.ts';
import { CHANGES_FEED, bodyFeed, diffHref, feedHref, feedLinkTag, versionHref } from '../links.ts';

export interface ChangesPageProps {
  lang: Lang;
  items: Change[];
  total: number;
  page: number;
  pageSize: number;
  body?: string;
  bodies: { code: string; nameKo: string; nameEn: string | null; services: number }[];
}

const MAX_LABELS = 6;

/** Registry-wide recent changes: newest first, a page at a time, optionally of one body. */
export function ChangesPage(p: ChangesPageProps): JSX.Element {
  const { lang } = p;
  const ko = lang === 'ko';
  const bodyName = (b: { nameKo: string; nameEn: string | null }) => (ko ? b.nameKo : b.nameEn || b.nameKo);
  const selected = p.bodies.find((b) => b.code === p.body);
  const feed = selected ? bodyFeed(selected.code) : CHANGES_FEED;
  const feedTitle = selected ? `${bodyName(selected)}: ${ko ? 'AI 서비스 변경 이력' : 'AI service changes'}` : ko ? '경기도 공공부문 AI 등록부: 최근 변경' : 'Gyeonggi Public AI Registry: recent changes';
  const title = ko ? '최근 변경' : 'Recent changes';
  return (
    <Layout lang={lang} title={selected ? `${title}: ${bodyName(selected)}` : title} path="/changes" query={{ body: p.body, page: p.page > 1 ? p.page : undefined }} head={feedLinkTag(feed, feedTitle, lang)}>
      <nav class="krds-breadcrumb-wrap" aria-label={ko ? '현재 경로' : 'Breadcrumb'}>
        <ol class="breadcrumb">
          <li class="home"><a href={href('/', lang)} class="txt" safe>{t('navHome', lang)}</a></li>
        </ol>
      </nav>
      <h1 safe>{selected ? `${title}: ${bodyName(selected)}` : title}</h1>
      <p class="lead" safe>
        {ko
          ? '등록부에 공개된 AI 서비스의 신규 등록과 변경을 최신순으로 보여 줍니다. 공개된 모든 버전은 그대로 보존됩니다.'
          : 'New and changed AI service disclosures, newest first. Every published version is kept as it was.'}
      </p>
      <form method="get" action="/changes" class="no-print" style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:16px 0">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : ''}
        <div class="form-group">
          <label for="changes-body" class="form-tit" safe>{ko ? '기관' : 'Body'}</label>
          <select id="changes-body" name="body" class="krds-form-select">
            <option value="" safe>{t('all', lang)}</option>
            {p.bodies.filter((b) => b.services > 0 || b.code === p.body).map((b) => (
              <option value={b.code} selected={b.code === p.body} safe>{bodyName(b)}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="krds-btn secondary medium" safe>{t('apply', lang)}</button>
      </form>
      <p class="meta">
        <a href={feedHref(feed, lang)} type="application/atom+xml" safe>{ko ? '변경 알림 구독 (Atom 피드)' : 'Follow these changes (Atom feed)'}</a>
        {' · '}
        <a href="/api/v1/history.csv" safe>{ko ? '전체 변경 이력 내려받기 (CSV)' : 'Download the full history (CSV)'}</a>
        {' · '}
        <a href="/api/v1/history.json">JSON</a>
      </p>
      <h2 id="changes-heading" safe>{ko ? `변경 ${p.total.toLocaleString('ko-KR')}건` : `${p.total.toLocaleString('ko-KR')} changes`}</h2>
      {p.items.length === 0 ? (
        <p safe>{ko ? '공개된 변경이 없습니다.' : 'No published changes.'}</p>
      ) : (
        <table class="simple">
          <caption class="sr-only" safe>{title}</caption>
          <thead>
            <tr>{(ko ? ['공개일', '서비스', '기관', '버전', '변경 사유와 항목', '비교'] : ['Published', 'Service', 'Body', 'Version', 'Reason and items', 'Compare']).map((h) => <th scope="col" safe>{h}</th>)}</tr>
          </thead>
          <tbody>
            {p.items.map((c) => {
              const labels = c.changed.map((i) => i.label[lang]);
              const shown = labels.slice(0, MAX_LABELS).join(', ') + (labels.length > MAX_LABELS ? (ko ? ` 외 ${labels.length - MAX_LABELS}개` : ` and ${labels.length - MAX_LABELS} more`) : '');
              return (
                <tr>
                  <td safe>{c.publishedAt.toISOString().slice(0, 10)}</td>
                  <td>
                    <a href={href(`/services/${c.publicId}`, lang)} safe>{ko ? c.name : c.nameEn || c.name}</a>
                    {c.isExample ? <>{' '}<span class="krds-badge bg-warning" safe>{t('example', lang)}</span></> : ''}
                  </td>
                  <td><a href={href('/changes', lang, { body: c.bodyCode })} safe>{ko ? c.bodyNameKo : c.bodyNameEn || c.bodyNameKo}</a></td>
                  <td><a href={versionHref(c.publicId, c.versionNo, lang)} safe>{`v${c.versionNo}`}</a></td>
                  <td>
                    {c.versionNo === 1 ? (
                      <span safe>{ko ? '신규 등록' : 'New'}</span>
                    ) : (
                      <>
                        <span safe>{c.changeReason ?? ''}</span>
                        {labels.length ? <p class="meta" style="margin:4px 0 0" safe>{`${ko ? '변경 항목' : 'Changed'}: ${shown}`}</p> : ''}
                      </>
                    )}
                  </td>
                  <td>{c.versionNo > 1 ? <a href={diffHref(c.publicId, c.versionNo - 1, c.versionNo, lang)} safe>{ko ? `v${c.versionNo - 1} → v${c.versionNo}` : `v${c.versionNo - 1} → v${c.versionNo}`}</a> : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pagination lang={lang} path="/changes" query={{ body: p.body }} page={p.page} pageSize={p.pageSize} total={p.total} />
    </Layout>
  );
}
