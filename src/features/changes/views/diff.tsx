import { href, t, type Lang } from '../../../platform/i18n/i18n.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Disclosure } from '../../disclosure/disclosure.schema.ts';
import { pick } from '../../disclosure/disclosure.fields.ts';
import type { Comparison } from '../changes.service.ts';
import { CHANGE_LABELS } from '../diff.ts';
import { diffHref, feedLinkTag, serviceFeed, versionHref } from '../links.ts';

const date = (x: Date) => x.toISOString().slice(0, 10);

function VersionSelect(p: { lang: Lang; id: string; name: string; label: string; value: number; versions: Comparison['versions'] }): JSX.Element {
  return (
    <div class="form-group">
      <label for={p.id} class="form-tit" safe>{p.label}</label>
      <select id={p.id} name={p.name} class="krds-form-select">
        {p.versions.map((v) => (
          <option value={String(v.versionNo)} selected={v.versionNo === p.value} safe>{`v${v.versionNo} · ${date(v.publishedAt)}`}</option>
        ))}
      </select>
    </div>
  );
}

/** Two versions of a service side by side, item by item; changed items only unless asked for all. */
export function DiffPage(p: { lang: Lang; comparison: Comparison }): JSX.Element {
  const { lang } = p;
  const { record: r, versions, from, to, items, changedCount, all } = p.comparison;
  const ko = lang === 'ko';
  const name = pick((r.disclosure as Disclosure).name, lang);
  const path = `/services/${r.publicId}/diff`;
  const [lo, hi] = from.versionNo < to.versionNo ? [from.versionNo, to.versionNo] : [to.versionNo, from.versionNo];
  const between = versions.filter((v) => v.versionNo > lo && v.versionNo <= hi).sort((a, b) => a.versionNo - b.versionNo);
  const none = <span class="meta" safe>{ko ? '(없음)' : '(none)'}</span>;
  return (
    <Layout
      lang={lang}
      title={ko ? `${name}: v${from.versionNo} → v${to.versionNo} 비교` : `${name}: v${from.versionNo} → v${to.versionNo} compared`}
      path={path}
      query={{ from: from.versionNo, to: to.versionNo, all: all ? 1 : undefined }}
      head={feedLinkTag(serviceFeed(r.publicId), ko ? `${name}: 변경 이력` : `${name}: version history`, lang)}
    >
      <nav class="krds-breadcrumb-wrap" aria-label={ko ? '현재 경로' : 'Breadcrumb'}>
        <ol class="breadcrumb">
          <li class="home"><a href={href('/', lang)} class="txt" safe>{t('navHome', lang)}</a></li>
          <li><a href={href('/services', lang)} class="txt" safe>{t('navServices', lang)}</a></li>
          <li><a href={href(`/services/${r.publicId}`, lang)} class="txt" safe>{name}</a></li>
        </ol>
      </nav>
      <h1 safe>{ko ? `변경 내용 비교: ${name}` : `What changed: ${name}`}</h1>
      <p class="meta" safe>
        {`${ko ? '등록번호' : 'Registry ID'} ${r.publicId} · v${from.versionNo} (${date(from.publishedAt)}) → v${to.versionNo} (${date(to.publishedAt)})`}
      </p>

      <form method="get" action={path} class="no-print" style="display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:16px 0">
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : ''}
        {all ? <input type="hidden" name="all" value="1" /> : ''}
        <VersionSelect lang={lang} id="diff-from" name="from" label={ko ? '이전 버전' : 'Earlier version'} value={from.versionNo} versions={versions} />
        <VersionSelect lang={lang} id="diff-to" name="to" label={ko ? '비교할 버전' : 'Later version'} value={to.versionNo} versions={versions} />
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '비교' : 'Compare'}</button>
      </form>

      {between.length ? (
        <>
          <h2 safe>{ko ? '변경 사유' : 'Reasons for the changes'}</h2>
          <ul>
            {between.map((v) => (
              <li>
                <a href={versionHref(r.publicId, v.versionNo, lang)} style="text-decoration:underline" safe>{`v${v.versionNo}`}</a>
                <span safe>{` (${date(v.publishedAt)}): ${v.changeReason ?? ''}`}</span>
              </li>
            ))}
          </ul>
        </>
      ) : ''}

      <h2 id="items" safe>{ko ? `변경된 항목 ${changedCount}개` : `${changedCount} item${changedCount === 1 ? '' : 's'} changed`}</h2>
      <p class="no-print">
        <a href={diffHref(r.publicId, from.versionNo, to.versionNo, lang, !all) + '#items'} safe>{all ? (ko ? '변경된 항목만 보기' : 'Show changed items only') : ko ? '모든 항목 보기' : 'Show all items'}</a>
        {' · '}
        <a href={href(`/api/v1/services/${r.publicId}/diff`, lang, { from: from.versionNo, to: to.versionNo })} safe>{ko ? 'JSON으로 보기' : 'As JSON'}</a>
      </p>
      {items.length === 0 ? (
        <p safe>{ko ? '두 버전의 공개 항목은 같습니다.' : 'The disclosed items of the two versions are the same.'}</p>
      ) : (
        <table class="simple">
          <caption class="sr-only" safe>{ko ? `항목별 변경 내용: v${from.versionNo} → v${to.versionNo}` : `Changes item by item: v${from.versionNo} → v${to.versionNo}`}</caption>
          <thead>
            <tr>
              <th scope="col" safe>{ko ? '항목' : 'Item'}</th>
              <th scope="col" safe>{ko ? '구분' : 'Change'}</th>
              <th scope="col" safe>{`v${from.versionNo} (${ko ? '이전' : 'before'})`}</th>
              <th scope="col" safe>{`v${to.versionNo} (${ko ? '이후' : 'after'})`}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr data-key={i.key} data-change={i.change ?? 'unchanged'}>
                <th scope="row" safe>{i.label[lang]}</th>
                <td>{i.change ? <strong safe>{CHANGE_LABELS[i.change][lang]}</strong> : <span class="meta" safe>{CHANGE_LABELS.unchanged[lang]}</span>}</td>
                <td style="white-space:pre-line">{i.before ? <span safe>{i.before}</span> : none}</td>
                <td style="white-space:pre-line">{i.after ? <span safe>{i.after}</span> : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="meta no-print">
        <a href={versionHref(r.publicId, from.versionNo, lang)} safe>{ko ? `v${from.versionNo} 전체 보기` : `See all of v${from.versionNo}`}</a>
        {' · '}
        <a href={versionHref(r.publicId, to.versionNo, lang)} safe>{ko ? `v${to.versionNo} 전체 보기` : `See all of v${to.versionNo}`}</a>
        {' · '}
        <a href={href(`/services/${r.publicId}`, lang)} safe>{ko ? '현재 버전 보기' : 'See the current version'}</a>
      </p>
    </Layout>
  );
}
