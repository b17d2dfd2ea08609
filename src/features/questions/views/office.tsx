import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import type { BacklogSort, BodyBacklog, QuestionRow, QuestionState } from '../questions.repository.ts';
import { ANSWER_MAX, QUESTION_KINDS } from '../questions.schema.ts';

export type ListView = 'active' | QuestionState;

const STATE_LABELS: Record<QuestionState, { ko: string; en: string }> = {
  open: { ko: '미답변', en: 'Unanswered' },
  answered: { ko: '답변 완료', en: 'Answered' },
  hidden: { ko: '숨김', en: 'Hidden' },
};

const DAY = 86_400_000;
export const ageInDays = (from: Date, now = new Date()) => Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / DAY));
const date = (x: Date) => new Date(x).toISOString().slice(0, 10);
const days = (n: number, lang: Lang) => (lang === 'ko' ? `${n}일` : `${n} ${n === 1 ? 'day' : 'days'}`);
const excerpt = (text: string) => (text.length > 80 ? text.slice(0, 80) + '…' : text);

/** The back-office list: unanswered first with how long they have waited. */
export function QuestionListPage(p: { lang: Lang; actor: Actor; csrf: string; view: ListView; questions: QuestionRow[]; done?: string }): JSX.Element {
  const { lang, actor } = p;
  const ko = lang === 'ko';
  const allBodies = actor.role !== 'officer';
  const open = p.questions.filter((q) => q.state === 'open').length;
  const views: [ListView, string][] = [
    ['active', ko ? '미답변·답변 완료' : 'Unanswered and answered'],
    ['open', STATE_LABELS.open[lang]],
    ['answered', STATE_LABELS.answered[lang]],
    ['hidden', STATE_LABELS.hidden[lang]],
  ];
  const doneText: Record<string, [string, string]> = {
    answered: ['답변을 등록했습니다. 서비스 페이지에 공개됩니다.', 'Answer saved; it is published on the service page.'],
    hidden: ['질문을 숨겼습니다.', 'The question is hidden.'],
  };
  return (
    <OfficeLayout lang={lang} title={ko ? '도민 질문' : 'Questions'} path="/office/questions" actor={actor} csrf={p.csrf}>
      <h1 safe>{ko ? '도민 질문과 오류 신고' : 'Questions and error reports'}</h1>
      {p.done && doneText[p.done] ? <div class="notice" role="status" safe>{doneText[p.done][ko ? 0 : 1]}</div> : ''}
      <p safe>
        {allBodies
          ? ko ? '모든 기관의 질문입니다. 미답변 질문이 먼저, 오래 기다린 순서로 나옵니다.' : 'Questions to every body; unanswered first, longest waiting first.'
          : ko ? `${actor.bodyNameKo ?? ''} 서비스에 들어온 질문입니다. 미답변 질문이 먼저, 오래 기다린 순서로 나옵니다.` : 'Questions about your body’s services; unanswered first, longest waiting first.'}
      </p>
      {actor.role === 'admin' ? <p><a href="/office/admin/questions" safe>{ko ? '기관별 미답변 현황' : 'Unanswered questions per body'}</a></p> : ''}
      <nav aria-label={ko ? '상태별 보기' : 'Filter by state'}>
        <ul class="actions">
          {views.map(([v, l]) => <li><a href={v === 'active' ? '/office/questions' : `/office/questions?state=${v}`} aria-current={p.view === v ? 'page' : undefined} safe>{l}</a></li>)}
        </ul>
      </nav>
      {p.view !== 'answered' && p.view !== 'hidden' ? <p class="meta" safe>{ko ? `미답변 ${open}건` : `${open} unanswered`}</p> : ''}
      {p.questions.length === 0 ? <p safe>{ko ? '해당하는 질문이 없습니다.' : 'No questions.'}</p> : (
        <table class="simple">
          <caption class="sr-only" safe>{ko ? '질문 목록' : 'Questions'}</caption>
          <thead>
            <tr>
              {[ko ? '접수일' : 'Received', ko ? '경과' : 'Waiting', ko ? '서비스' : 'Service', ...(allBodies ? [ko ? '기관' : 'Body'] : []), ko ? '구분' : 'Type', ko ? '내용' : 'Text', ko ? '상태' : 'State'].map((h) => <th scope="col" safe>{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {p.questions.map((q) => (
              <tr>
                <td safe>{date(q.createdAt)}</td>
                <td safe>{q.state === 'open' ? days(ageInDays(q.createdAt), lang) : q.answeredAt ? `${ko ? '답변' : 'answered'} ${date(q.answeredAt)}` : '–'}</td>
                <td safe>{`${q.serviceName ?? ''} (${q.publicId})`}</td>
                {allBodies ? <td safe>{q.bodyNameKo}</td> : ''}
                <td safe>{QUESTION_KINDS[q.kind][lang]}</td>
                <td><a href={`/office/questions/${q.id}`} safe>{excerpt(q.text)}</a></td>
                <td safe>{STATE_LABELS[q.state][lang]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </OfficeLayout>
  );
}

/** One question: its text, who sent it (never public), and the answer form. */
export function AnswerPage(p: { lang: Lang; actor: Actor; csrf: string; question: QuestionRow; answer?: string; problems: FieldProblem[]; notice?: string }): JSX.Element {
  const { lang, actor, question: q } = p;
  const ko = lang === 'ko';
  const errs = p.problems.filter((x) => x.field === 'answer');
  const canHide = (actor.role === 'reviewer' || actor.role === 'admin') && q.state !== 'hidden';
  return (
    <OfficeLayout lang={lang} title={ko ? '질문 답변' : 'Answer a question'} path="/office/questions" actor={actor} csrf={p.csrf}>
      <p><a href="/office/questions" safe>{ko ? '← 질문 목록' : '← All questions'}</a></p>
      <h1 safe>{`${QUESTION_KINDS[q.kind][lang]} #${q.id}`}</h1>
      {p.notice ? <div class="error-summary" role="alert" safe>{p.notice}</div> : ''}
      <ErrorSummary lang={lang} problems={p.problems} fieldId={(f) => `q-${f}`} />
      <dl class="items">
        <dt safe>{ko ? '서비스' : 'Service'}</dt>
        <dd><a href={`/services/${q.publicId}`} safe>{`${q.serviceName ?? ''} (${q.publicId})`}</a></dd>
        <dt safe>{ko ? '기관' : 'Body'}</dt>
        <dd safe>{q.bodyNameKo}</dd>
        <dt safe>{ko ? '상태' : 'State'}</dt>
        <dd safe>{`${STATE_LABELS[q.state][lang]}${q.state === 'open' ? ` · ${ko ? '경과' : 'waiting'} ${days(ageInDays(q.createdAt), lang)}` : ''}`}</dd>
        <dt safe>{ko ? '접수일' : 'Received'}</dt>
        <dd safe>{date(q.createdAt)}</dd>
        <dt safe>{ko ? '보낸 사람 (비공개)' : 'Sender (not published)'}</dt>
        <dd safe>{[q.authorName, q.authorEmail].filter(Boolean).join(' · ') || (ko ? '밝히지 않음' : 'Not given')}</dd>
        <dt safe>{ko ? '내용' : 'Text'}</dt>
        <dd style="white-space:pre-line" safe>{q.text}</dd>
        {q.answer ? <dt safe>{ko ? '공개된 답변' : 'Published answer'}</dt> : ''}
        {q.answer ? <dd style="white-space:pre-line" safe>{`${q.answer}\n— ${q.answeredByName ?? ''} ${q.answeredAt ? date(q.answeredAt) : ''}`}</dd> : ''}
      </dl>
      {q.state !== 'hidden' ? (
        <form method="post" action={`/office/questions/${q.id}/answer`} class="editor">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <div class={`form-group${errs.length ? ' has-error' : ''}`}>
            <label for="q-answer" class="form-tit" safe>{`${q.answer ? (ko ? '답변 고치기' : 'Correct the answer') : ko ? '답변' : 'Answer'} ${ko ? '(필수)' : '(required)'}`}</label>
            <textarea id="q-answer" name="answer" class="krds-input" rows="8" maxlength={String(ANSWER_MAX)} aria-describedby={errs.length ? 'q-answer-hint q-answer-error' : 'q-answer-hint'} aria-invalid={errs.length ? 'true' : undefined} safe>{p.answer ?? q.answer ?? ''}</textarea>
            <p class="form-hint" id="q-answer-hint" safe>{ko ? '답변은 질문과 함께 서비스 페이지에 공개됩니다. 보낸 사람의 이름과 전자우편은 공개되지 않습니다.' : 'The answer is published with the question on the service page; the sender’s name and email are not.'}</p>
            {errs.length ? <p class="field-error" id="q-answer-error" safe>{errs.map((e) => (ko ? e.message : e.messageEn)).join(' ')}</p> : ''}
          </div>
          <button type="submit" class="krds-btn primary medium" safe>{ko ? '답변 공개' : 'Publish the answer'}</button>
        </form>
      ) : <p safe>{ko ? '숨긴 질문입니다. 답변할 수 없습니다.' : 'This question is hidden and cannot be answered.'}</p>}
      {canHide ? (
        <form method="post" action={`/office/questions/${q.id}/hide`} class="actions">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" class="krds-btn secondary small" safe>{ko ? '스팸·부적절한 글로 숨기기' : 'Hide as spam or abuse'}</button>
        </form>
      ) : ''}
    </OfficeLayout>
  );
}

/** Administrators: which bodies keep residents waiting, and for how long. */
export function BacklogPage(p: { lang: Lang; actor: Actor; csrf: string; sort: BacklogSort; rows: BodyBacklog[] }): JSX.Element {
  const { lang } = p;
  const ko = lang === 'ko';
  const total = p.rows.reduce((n, r) => n + r.open, 0);
  const ageSort: BacklogSort = p.sort === 'age' ? 'age-asc' : 'age';
  const sortLink = (s: BacklogSort, label: string) => <a href={`/office/admin/questions?sort=${s}`} safe>{label}</a>;
  const ariaSort = (col: 'age' | 'count' | 'body') =>
    col === 'age' ? (p.sort === 'age' ? 'descending' : p.sort === 'age-asc' ? 'ascending' : undefined) : p.sort === col ? (col === 'count' ? 'descending' : 'ascending') : undefined;
  return (
    <OfficeLayout lang={lang} title={ko ? '기관별 미답변 질문' : 'Unanswered questions per body'} path="/office/admin/questions" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{ko ? '기관별 미답변 질문' : 'Unanswered questions per body'}</h1>
      <p safe>{ko ? `답변하지 않은 질문 ${total}건 (${p.rows.length}개 기관)` : `${total} unanswered questions at ${p.rows.length} bodies`}</p>
      {p.rows.length === 0 ? <p safe>{ko ? '미답변 질문이 없습니다.' : 'No unanswered questions.'}</p> : (
        <table class="simple">
          <caption class="sr-only" safe>{ko ? '기관별 미답변 질문 수와 가장 오래된 질문' : 'Unanswered questions and the oldest one per body'}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('body')}>{sortLink('body', ko ? '기관' : 'Body')}</th>
              <th scope="col" aria-sort={ariaSort('count')}>{sortLink('count', ko ? '미답변' : 'Unanswered')}</th>
              <th scope="col" safe>{ko ? '가장 오래된 질문 접수일' : 'Oldest received'}</th>
              <th scope="col" aria-sort={ariaSort('age')}>{sortLink(ageSort, ko ? `가장 오래 기다린 기간 ${p.sort === 'age' ? '▼' : p.sort === 'age-asc' ? '▲' : ''}` : `Longest wait ${p.sort === 'age' ? '▼' : p.sort === 'age-asc' ? '▲' : ''}`)}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <th scope="row" safe>{r.bodyNameKo}</th>
                <td safe>{ko ? `${r.open}건` : String(r.open)}</td>
                <td safe>{date(r.oldestAt)}</td>
                <td safe>{days(ageInDays(r.oldestAt), lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p><a href="/office/questions?state=open" safe>{ko ? '미답변 질문 목록 보기' : 'See the unanswered questions'}</a></p>
    </OfficeLayout>
  );
}
