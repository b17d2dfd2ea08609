import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { BODY_KINDS, FIELDS, STATUSES, TECH_TYPES, type Labels } from '../../disclosure/codes.ts';
import type { Facets, SearchRow } from '../../services/services.repository.ts';
import type { ServiceFilter } from '../../services/services.filter.ts';
import { Badges, Pagination } from './components.tsx';

export interface ListProps {
  lang: Lang;
  filter: ServiceFilter;
  items: SearchRow[];
  total: number;
  facets: Facets;
  bodies: { code: string; nameKo: string; nameEn: string | null }[];
}

export function filterQuery(f: ServiceFilter): Record<string, string | undefined> {
  const s = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
  return { q: f.q, body: f.body, bodyKind: f.bodyKind, field: f.field, tech: f.tech, status: f.status, personal: s(f.personal), highImpact: s(f.highImpact), generative: s(f.generative), sort: f.sort, pageSize: f.pageSize === 20 ? undefined : String(f.pageSize) };
}

function CodedSelect(p: { lang: Lang; name: string; label: string; labels: Labels; counts: Record<string, number>; value?: string }): JSX.Element {
  return (
    <div class="form-group">
      <label for={`f-${p.name}`} class="form-tit" safe>{p.label}</label>
      <select id={`f-${p.name}`} name={p.name} class="krds-form-select">
        <option value="" safe>{t('all', p.lang)}</option>
        {Object.entries(p.labels).map(([code, l]) => (
          <option value={code} selected={p.value === code} safe>{`${l[p.lang]} (${p.counts[code] ?? 0})`}</option>
        ))}
      </select>
    </div>
  );
}

function FlagSelect(p: { lang: Lang; name: string; label: string; counts: Record<string, number>; value?: boolean }): JSX.Element {
  return (
    <div class="form-group">
      <label for={`f-${p.name}`} class="form-tit" safe>{p.label}</label>
      <select id={`f-${p.name}`} name={p.name} class="krds-form-select">
        <option value="" safe>{t('all', p.lang)}</option>
        <option value="true" selected={p.value === true} safe>{`${t('yes', p.lang)} (${p.counts.true ?? 0})`}</option>
        <option value="false" selected={p.value === false} safe>{`${t('no', p.lang)} (${p.counts.false ?? 0})`}</option>
      </select>
    </div>
  );
}

export function ServiceList(p: ListProps): JSX.Element {
  const { lang, filter: f } = p;
  const bodyLabels: Labels = Object.fromEntries(p.bodies.filter((b) => p.facets.body[b.code] || f.body === b.code).map((b) => [b.code, { ko: b.nameKo, en: b.nameEn ?? b.nameKo }]));
  const title = f.q ? (lang === 'ko' ? `‘${f.q}’ 검색 결과` : `Results for “${f.q}”`) : t('navServices', lang);
  return (
    <Layout lang={lang} title={title} path="/services" query={filterQuery(f) as Record<string, string>}>
      <h1 safe>{t('navServices', lang)}</h1>
      <form method="get" action="/services" role="search" class="searchbar">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : ''}
        <label for="q" class="sr-only" safe>{t('searchLabel', lang)}</label>
        <input id="q" name="q" type="search" class="krds-input" value={f.q ?? ''} placeholder={t('searchPlaceholder', lang)} />
        <button type="submit" class="krds-btn primary medium" safe>{t('search', lang)}</button>
      </form>
      <div class="layout-list">
        <form method="get" action="/services" class="facets" aria-label={t('filters', lang)}>
          <h2 class="sr-only" safe>{t('filters', lang)}</h2>
          {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : ''}
          {f.q ? <input type="hidden" name="q" value={f.q} /> : ''}
          <CodedSelect lang={lang} name="body" label={lang === 'ko' ? '기관' : 'Body'} labels={bodyLabels} counts={p.facets.body} value={f.body} />
          <CodedSelect lang={lang} name="bodyKind" label={lang === 'ko' ? '기관 유형' : 'Body type'} labels={BODY_KINDS} counts={p.facets.bodyKind} value={f.bodyKind} />
          <CodedSelect lang={lang} name="field" label={lang === 'ko' ? '활용 분야' : 'Field of use'} labels={FIELDS} counts={p.facets.field} value={f.field} />
          <CodedSelect lang={lang} name="tech" label={lang === 'ko' ? '기술 유형' : 'Technology'} labels={TECH_TYPES} counts={p.facets.tech} value={f.tech} />
          <CodedSelect lang={lang} name="status" label={lang === 'ko' ? '운영 상태' : 'Status'} labels={STATUSES} counts={p.facets.status} value={f.status} />
          <FlagSelect lang={lang} name="personal" label={t('personal', lang)} counts={p.facets.personal} value={f.personal} />
          <FlagSelect lang={lang} name="highImpact" label={t('highImpact', lang)} counts={p.facets.highImpact} value={f.highImpact} />
          <FlagSelect lang={lang} name="generative" label={t('generative', lang)} counts={p.facets.generative} value={f.generative} />
          <div class="form-group">
            <label for="f-sort" class="form-tit" safe>{t('sort', lang)}</label>
            <select id="f-sort" name="sort" class="krds-form-select">
              {[['', lang === 'ko' ? '기본 (관련도·최신)' : 'Default (relevance, newest)'], ['newest', lang === 'ko' ? '최근 변경순' : 'Recently changed'], ['oldest', lang === 'ko' ? '최초 등록순' : 'First registered'], ['name', lang === 'ko' ? '이름순' : 'Name']].map(([v, l]) => (
                <option value={v} selected={(f.sort ?? '') === v} safe>{l}</option>
              ))}
            </select>
          </div>
          <p>
            <button type="submit" class="krds-btn secondary medium" safe>{t('apply', lang)}</button>{' '}
            <a href={href('/services', lang)} safe>{t('reset', lang)}</a>
          </p>
        </form>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" safe>{`${t('results', lang)} ${p.total.toLocaleString('ko-KR')}${lang === 'ko' ? '건' : ''}`}</h2>
          <p class="meta no-print">
            <a href={href('/api/v1/services', 'ko', { ...filterQuery(f), page: f.page > 1 ? f.page : undefined })} safe>{lang === 'ko' ? '이 결과를 JSON으로 보기' : 'These results as JSON'}</a>
          </p>
          {p.items.length === 0 ? <p safe>{t('noResults', lang)}</p> : ''}
          <ul class="result-list">
            {p.items.map((s) => (
              <li>
                <h3>
                  <a href={href(`/services/${s.publicId}`, lang)} safe>{lang === 'en' ? s.nameEn || s.name : s.name}</a>
                </h3>
                <Badges lang={lang} isExample={s.isExample} highImpact={s.highImpact} generative={s.generative} personal={s.personal} statusLabel={STATUSES[s.status as keyof typeof STATUSES]?.[lang]} />
                <p safe>{lang === 'en' ? s.summaryEn || s.summary : s.summary}</p>
                <p class="meta" safe>{`${s.publicId} · ${lang === 'en' ? s.bodyNameEn || s.bodyNameKo : s.bodyNameKo} · ${FIELDS[s.field as keyof typeof FIELDS]?.[lang] ?? s.field}`}</p>
              </li>
            ))}
          </ul>
          <Pagination lang={lang} path="/services" query={filterQuery(f)} page={f.page} pageSize={f.pageSize} total={p.total} />
        </section>
      </div>
    </Layout>
  );
}
