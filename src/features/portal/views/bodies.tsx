import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { BODY_KINDS, FIELDS, STATUSES } from '../../disclosure/codes.ts';
import type { SearchRow } from '../../services/services.repository.ts';
import { Badges, Pagination } from './components.tsx';

type BodyRow = { code: string; kind: string; nameKo: string; nameEn: string | null; services: number };

export function BodiesPage(p: { lang: Lang; bodies: BodyRow[] }): JSX.Element {
  const ko = p.lang === 'ko';
  return (
    <Layout lang={p.lang} title={t('navBodies', p.lang)} path="/bodies">
      <h1 safe>{t('navBodies', p.lang)}</h1>
      <div class="krds-table-wrap">
        <table class="tbl col data">
          <caption safe>{ko ? '기관별 공개 AI 서비스 수' : 'AI services disclosed per body'}</caption>
          <thead><tr>{(ko ? ['기관', '기관 유형', '기관코드', '서비스 수'] : ['Body', 'Type', 'Code', 'Services']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
          <tbody>
            {p.bodies.map((b) => (
              <tr>
                <td><a href={href(`/bodies/${b.code}`, p.lang)} safe>{ko ? b.nameKo : b.nameEn || b.nameKo}</a></td>
                <td safe>{BODY_KINDS[b.kind as keyof typeof BODY_KINDS]?.[p.lang] ?? b.kind}</td>
                <td safe>{b.code}</td>
                <td safe>{String(b.services)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function BodyPage(p: { lang: Lang; body: { code: string; kind: string; nameKo: string; nameEn: string | null }; items: SearchRow[]; total: number; page: number; pageSize: number }): JSX.Element {
  const ko = p.lang === 'ko';
  const name = ko ? p.body.nameKo : p.body.nameEn || p.body.nameKo;
  return (
    <Layout lang={p.lang} title={name} path={`/bodies/${p.body.code}`}>
      <nav class="krds-breadcrumb-wrap" aria-label={ko ? '현재 경로' : 'Breadcrumb'}>
        <ol class="breadcrumb">
          <li class="home"><a href={href('/', p.lang)} class="txt" safe>{t('navHome', p.lang)}</a></li>
          <li><a href={href('/bodies', p.lang)} class="txt" safe>{t('navBodies', p.lang)}</a></li>
        </ol>
      </nav>
      <h1 safe>{name}</h1>
      <p class="meta" safe>{`${ko ? '기관코드' : 'Code'} ${p.body.code} · ${BODY_KINDS[p.body.kind as keyof typeof BODY_KINDS]?.[p.lang] ?? p.body.kind} · ${ko ? '공개 서비스' : 'Services'} ${p.total}`}</p>
      {p.total === 0 ? <p safe>{ko ? '이 기관이 공개한 AI 서비스가 아직 없습니다.' : 'This body has not disclosed any AI service yet.'}</p> : ''}
      <ul class="result-list">
        {p.items.map((s) => (
          <li>
            <h2><a href={href(`/services/${s.publicId}`, p.lang)} safe>{ko ? s.name : s.nameEn || s.name}</a></h2>
            <Badges lang={p.lang} isExample={s.isExample} highImpact={s.highImpact} generative={s.generative} personal={s.personal} statusLabel={STATUSES[s.status as keyof typeof STATUSES]?.[p.lang]} />
            <p safe>{ko ? s.summary : s.summaryEn || s.summary}</p>
            <p class="meta" safe>{`${s.publicId} · ${FIELDS[s.field as keyof typeof FIELDS]?.[p.lang] ?? s.field}`}</p>
          </li>
        ))}
      </ul>
      <Pagination lang={p.lang} path={`/bodies/${p.body.code}`} query={{}} page={p.page} pageSize={p.pageSize} total={p.total} />
    </Layout>
  );
}
