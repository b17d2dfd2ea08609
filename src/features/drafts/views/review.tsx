import type { Lang } from '../../../platform/i18n/i18n.ts';
import { OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import type { Actor } from '../../accounts/actor.ts';
import { yesNo } from '../../disclosure/disclosure.fields.ts';
import { FORM_SECTIONS, fieldLabel, getPath, type FormField } from '../../disclosure/disclosure.form.ts';
import type { DraftRow } from '../drafts.repository.ts';
import { STATE_LABELS } from './editor.tsx';

const show = (v: unknown): string => (v === undefined || v === null || v === '' ? '—' : Array.isArray(v) ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** A value as the reviewer reads it: code lists by their labels, yes/no in words, not `civil_service` or `false`. */
function shown(field: FormField, v: unknown, lang: Lang): string {
  if (field.widget === 'bool' && typeof v === 'boolean') return yesNo(v, lang);
  const options = field.options;
  if (!options) return show(v);
  const label = (x: unknown) => options[String(x)]?.[lang] ?? String(x);
  if (Array.isArray(v)) return v.length ? v.map(label).join(', ') : '—';
  return typeof v === 'string' && v ? label(v) : show(v);
}

export function ReviewQueue(p: { lang: Lang; actor: Actor; csrf: string; queue: DraftRow[] }): JSX.Element {
  const ko = p.lang === 'ko';
  return (
    <OfficeLayout lang={p.lang} title={ko ? '검토 대기' : 'Review queue'} path="/office/review" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{ko ? '검토 대기' : 'Review queue'}</h1>
      {p.queue.length === 0 ? <p safe>{ko ? '검토를 기다리는 제출이 없습니다.' : 'Nothing waiting.'}</p> : ''}
      <ul class="result-list">
        {p.queue.map((d) => (
          <li>
            <a href={`/office/review/${d.id}`} safe>{String((d.disclosure as any)?.name?.ko ?? `#${d.id}`)}</a>
            <p class="meta" safe>{`${d.bodyNameKo} · ${d.publicId ? (ko ? '변경 ' : 'Change ') + d.publicId : ko ? '신규' : 'New'} · ${d.submittedAt?.toISOString().slice(0, 10) ?? ''}`}</p>
          </li>
        ))}
      </ul>
    </OfficeLayout>
  );
}

export function ReviewPage(p: { lang: Lang; actor: Actor; csrf: string; draft: DraftRow; current: unknown; comments: { item: string; comment: string; authorName: string | null }[]; problems: FieldProblem[]; notice?: string }): JSX.Element {
  const { lang, draft } = p;
  const ko = lang === 'ko';
  const d = draft.disclosure as any;
  const fields = FORM_SECTIONS.flatMap((s) => s.fields);
  const commentErrors = p.problems.filter((x) => x.field === 'comment');
  return (
    <OfficeLayout lang={lang} title={ko ? '검토' : 'Review'} path="/office/review" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{`${ko ? '검토' : 'Review'}: ${d?.name?.ko ?? '#' + draft.id}`}</h1>
      <p class="meta" safe>{`${draft.bodyNameKo} · ${STATE_LABELS[draft.state][lang]} · ${draft.publicId ? (ko ? '변경 제안 ' : 'Change to ') + draft.publicId : ko ? '신규 등록' : 'New service'}`}</p>
      {p.notice ? <div class="error-summary" role="alert" safe>{p.notice}</div> : ''}
      {draft.changeReason ? <p safe>{`${ko ? '변경 사유' : 'Reason for change'}: ${draft.changeReason}`}</p> : ''}
      <p><a href={`/office/drafts/${draft.id}/preview`} safe>{ko ? '공개 화면 미리보기' : 'Preview'}</a></p>
      <table class="simple">
        <caption safe>{draft.publicId ? (ko ? '항목별 내용 (현재 공개본과 다른 항목 표시)' : 'Items (changes from the published version marked)') : ko ? '항목별 내용' : 'Items'}</caption>
        <thead><tr>{(ko ? ['항목', '제출 내용', '현재 공개본', '의견'] : ['Item', 'Submitted', 'Published', 'Comments']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {fields.map((f) => {
            const now = shown(f, getPath(d, f.path), lang);
            const before = p.current ? shown(f, getPath(p.current, f.path), lang) : '';
            const changed = !!p.current && now !== before;
            return (
              <tr class={changed ? 'changed' : undefined}>
                <th scope="row" safe>{fieldLabel(f)[lang] + (changed ? (ko ? ' (변경됨)' : ' (changed)') : '')}</th>
                <td safe>{now}</td>
                <td safe>{before}</td>
                <td safe>{p.comments.filter((c) => c.item === f.path).map((c) => c.comment).join(' / ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {draft.state === 'submitted' ? (
        <>
          <h2 safe>{ko ? '보완 요청 (돌려보내기)' : 'Return with comments'}</h2>
          <form method="post" action={`/office/review/${draft.id}/return`} class="editor">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <div class="form-group">
              <label for="item" class="form-tit" safe>{ko ? '의견을 달 항목' : 'Item'}</label>
              <select id="item" name="item" class="krds-form-select">
                <option value="general" safe>{ko ? '전체 (일반 의견)' : 'General'}</option>
                {fields.map((f) => <option value={f.path} safe>{fieldLabel(f)[lang]}</option>)}
              </select>
            </div>
            <div class="form-group">
              <label for="comment" class="form-tit" safe>{ko ? '의견' : 'Comment'}</label>
              <textarea id="comment" name="comment" class="krds-input" aria-invalid={commentErrors.length ? 'true' : undefined} aria-describedby={commentErrors.length ? 'comment-error' : undefined}></textarea>
              {commentErrors.length ? <p class="field-error" id="comment-error" safe>{commentErrors.map((x) => (ko ? x.message : x.messageEn)).join(' ')}</p> : ''}
            </div>
            <button type="submit" class="krds-btn secondary medium" safe>{ko ? '보완 요청' : 'Return'}</button>
          </form>
          <h2 safe>{ko ? '게시' : 'Publish'}</h2>
          <form method="post" action={`/office/review/${draft.id}/publish`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit" class="krds-btn primary medium" safe>{ko ? '검토 완료, 공개 게시' : 'Approve and publish'}</button>
          </form>
        </>
      ) : ''}
    </OfficeLayout>
  );
}
