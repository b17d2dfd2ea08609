import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import { STATE_LABELS } from '../../drafts/views/editor.tsx';
import type { getTask, listMyTasks, overdueReviews } from '../surveys.service.ts';
import { ANSWER_KINDS, CAMPAIGN_STATE, l, stamp, TASK_STATUS } from './labels.ts';

type Tasks = Awaited<ReturnType<typeof listMyTasks>>;
type TaskView = Awaited<ReturnType<typeof getTask>>;
type Overdue = Awaited<ReturnType<typeof overdueReviews>>;

const NOTICES: Record<string, { ko: string; en: string }> = {
  confirmed: { ko: '「변경 없음」으로 확인했습니다. 이 확인은 정기 검토로도 기록됩니다.', en: 'Confirmed as unchanged; this also counts as the periodic review.' },
  answered: { ko: '응답을 제출했습니다. 감사합니다.', en: 'Your answer has been submitted. Thank you.' },
  reviewed: { ko: '검토 완료로 기록했습니다.', en: 'Recorded as reviewed.' },
};

function Notice(p: { lang: Lang; done?: string }): JSX.Element {
  const n = p.done ? NOTICES[p.done] : undefined;
  return n ? <div class="notice" role="status" safe>{l(n, p.lang)}</div> : <></>;
}

/** An officer's survey tasks and their body's records past the review date. */
export function MyTasksPage(p: { lang: Lang; actor: Actor; csrf: string; tasks: Tasks; overdue: Overdue; done?: string }): JSX.Element {
  const ko = p.lang === 'ko';
  return (
    <OfficeLayout lang={p.lang} title={ko ? '조사 응답' : 'Survey tasks'} path="/office/surveys/tasks" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{ko ? '조사 응답' : 'Survey tasks'}</h1>
      <Notice lang={p.lang} done={p.done} />
      {p.tasks.length === 0 ? <p safe>{ko ? '응답할 조사가 없습니다.' : 'No survey tasks.'}</p> : ''}
      <table class="simple" id="my-tasks">
        <caption class="sr-only" safe>{ko ? '조사 과제' : 'Survey tasks'}</caption>
        <thead><tr>{(ko ? ['조사', '마감일', '조사 상태', '우리 기관 응답'] : ['Survey', 'Deadline', 'Survey state', 'Our answer']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.tasks.map((t) => (
            <tr data-status={t.status}>
              <td><a href={`/office/surveys/tasks/${t.id}`} safe>{t.campaignTitle}</a></td>
              <td safe>{t.deadline}</td>
              <td safe>{l(CAMPAIGN_STATE[t.campaignState], p.lang)}</td>
              <td safe>{l(TASK_STATUS[t.status], p.lang) + (t.answerKind ? ` · ${l(ANSWER_KINDS[t.answerKind], p.lang)}` : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="overdue-reviews" safe>{ko ? `정기 검토 기한이 지난 서비스 (${p.overdue.length}건)` : `Services past their review date (${p.overdue.length})`}</h2>
      {p.overdue.length === 0 ? <p safe>{ko ? '검토 기한이 지난 서비스가 없습니다.' : 'None.'}</p> : (
        <>
          <p safe>{ko ? '공개된 내용이 지금도 맞는지 확인하십시오. 그대로이면 「검토 완료」를, 바뀌었으면 「변경 제안」을 누르십시오.' : 'Check that what is published is still right: mark it reviewed, or propose a change.'}</p>
          <table class="simple">
            <caption class="sr-only" safe>{ko ? '검토 기한 경과 서비스' : 'Overdue reviews'}</caption>
            <thead><tr>{(ko ? ['등록번호', '서비스', '마지막 검토', '검토 예정일', '작업'] : ['ID', 'Service', 'Last reviewed', 'Review due', 'Actions']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
            <tbody>
              {p.overdue.map((r) => (
                <tr>
                  <td safe>{r.publicId}</td>
                  <td><a href={`/services/${r.publicId}`} safe>{r.name}</a></td>
                  <td safe>{r.lastReviewedOn}</td>
                  <td safe>{r.nextReviewOn}</td>
                  <td>
                    <form method="post" action={`/office/surveys/reviews/${r.publicId}`} class="inline">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit" class="krds-btn secondary small" aria-label={`${r.name}: ${ko ? '검토 완료 (변경 없음)' : 'Mark reviewed (no change)'}`} safe>{ko ? '검토 완료 (변경 없음)' : 'Mark reviewed (no change)'}</button>
                    </form>{' '}
                    <form method="post" action={`/office/services/${r.publicId}/change`} class="inline">
                      <input type="hidden" name="_csrf" value={p.csrf} />
                      <button type="submit" class="krds-btn text small" aria-label={`${r.name}: ${ko ? '변경 제안' : 'Propose a change'}`} safe>{ko ? '변경 제안' : 'Propose a change'}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </OfficeLayout>
  );
}

/**
 * One body's task: confirm or change each published service, register new services or declare
 * that there are none, then submit. Every step is a plain form (no JavaScript needed).
 */
export function TaskPage(p: { lang: Lang; actor: Actor; csrf: string; view: TaskView; problems?: FieldProblem[]; error?: string; done?: string; values?: { noNewService?: boolean; note?: string } }): JSX.Element {
  const ko = p.lang === 'ko';
  const { task: t, services, newDrafts, canAnswer, status } = p.view;
  const problems = p.problems ?? [];
  const err = (field: string) => problems.filter((x) => x.field === field).map((x) => (ko ? x.message : x.messageEn)).join(' ');
  const path = p.actor.role === 'admin' ? '/office/surveys' : '/office/surveys/tasks';
  const body = ko ? t.bodyNameKo : t.bodyNameEn ?? t.bodyNameKo;
  return (
    <OfficeLayout lang={p.lang} title={`${t.campaignTitle} · ${body}`} path={path} actor={p.actor} csrf={p.csrf}>
      <p><a href={p.actor.role === 'admin' ? `/office/surveys/${t.campaignId}` : '/office/surveys/tasks'} safe>{ko ? '← 목록' : '← Back'}</a></p>
      <h1 safe>{`${t.campaignTitle}`}</h1>
      <p class="meta" id="task-meta" safe>{`${body} · ${ko ? '기간' : 'Period'} ${t.opensOn} ~ ${t.deadline} · ${l(TASK_STATUS[status], p.lang)}${t.campaignState === 'closed' ? ` · ${l(CAMPAIGN_STATE.closed, p.lang)}` : ''}`}</p>
      <Notice lang={p.lang} done={p.done} />
      {p.error ? <div class="error-summary" role="alert" tabindex="-1" safe>{p.error}</div> : ''}
      <ErrorSummary lang={p.lang} problems={problems} />
      {t.campaignDescription ? <p safe>{t.campaignDescription}</p> : ''}
      {t.campaignState === 'closed' ? <p class="notice" safe>{ko ? '종료된 조사입니다. 결과는 보존되며 더 이상 응답할 수 없습니다.' : 'This survey is closed. Its results are kept; no more answers are accepted.'}</p> : ''}
      {t.state === 'answered' ? (
        <section class="card" id="answer-summary" aria-labelledby="answer-summary-h">
          <h2 id="answer-summary-h" safe>{ko ? '제출한 응답' : 'Submitted answer'}</h2>
          <ul>
            <li safe>{`${ko ? '응답 유형' : 'Answer'}: ${t.answerKind ? l(ANSWER_KINDS[t.answerKind], p.lang) : ''}`}</li>
            <li safe>{`${ko ? '응답 일시' : 'Answered at'}: ${stamp(t.answeredAt)}${t.answeredByName ? ` · ${t.answeredByName}` : ''}`}</li>
            {t.noNewService ? <li safe>{ko ? '신규 AI 서비스가 없다고 응답했습니다.' : 'Declared: no new AI service.'}</li> : ''}
            {t.note ? <li safe>{`${ko ? '의견' : 'Note'}: ${t.note}`}</li> : ''}
          </ul>
        </section>
      ) : ''}

      <h2 id="f-services" tabindex="-1" safe>{ko ? `1. 공개 서비스 확인 (${services.length}건)` : `1. Published services (${services.length})`}</h2>
      {err('services') ? <p class="field-error" safe>{err('services')}</p> : ''}
      {services.length === 0 ? <p safe>{ko ? '이 기관에 공개된 AI 서비스가 없습니다. 아래에서 신규 서비스 여부만 응답하십시오.' : 'This body has no published AI service; answer only about new services below.'}</p> : (
        <table class="simple" id="services">
          <caption class="sr-only" safe>{ko ? '공개 서비스 확인' : 'Published services'}</caption>
          <thead><tr>{(ko ? ['등록번호', '서비스', '확인', '작업'] : ['ID', 'Service', 'Confirmation', 'Actions']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
          <tbody>
            {services.map((s) => (
              <tr id={`svc-${s.publicId}`} data-outcome={s.outcome ?? 'none'}>
                <td safe>{s.publicId}</td>
                <td><a href={`/services/${s.publicId}`} safe>{ko ? s.name : s.nameEn ?? s.name}</a></td>
                <td>
                  {s.outcome === 'unchanged' ? <span safe>{ko ? '변경 없음 확인' : 'Confirmed unchanged'}</span> : ''}
                  {s.outcome === 'change_proposed' ? <a href={`/office/drafts/${s.draftId}`} safe>{`${ko ? '변경 제안' : 'Change proposed'} (${s.draftState ? STATE_LABELS[s.draftState][p.lang] : ''})`}</a> : ''}
                  {!s.outcome ? <span safe>{ko ? '미확인' : 'Not confirmed'}</span> : ''}
                </td>
                <td>
                  {canAnswer ? (
                    <>
                      <form method="post" action={`/office/surveys/tasks/${t.id}/confirm`} class="inline">
                        <input type="hidden" name="_csrf" value={p.csrf} />
                        <input type="hidden" name="service" value={s.publicId} />
                        <button type="submit" class="krds-btn secondary small" aria-label={`${s.name}: ${ko ? '변경 없음 확인' : 'Confirm no change'}`} safe>{ko ? '변경 없음 확인' : 'Confirm no change'}</button>
                      </form>{' '}
                      <form method="post" action={`/office/surveys/tasks/${t.id}/propose`} class="inline">
                        <input type="hidden" name="_csrf" value={p.csrf} />
                        <input type="hidden" name="service" value={s.publicId} />
                        <button type="submit" class="krds-btn text small" aria-label={`${s.name}: ${ko ? '변경 제안' : 'Propose a change'}`} safe>{ko ? '변경 제안' : 'Propose a change'}</button>
                      </form>
                    </>
                  ) : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 safe>{ko ? '2. 신규 AI 서비스' : '2. New AI services'}</h2>
      {newDrafts.length ? (
        <ul id="new-services">
          {newDrafts.map((d) => <li><a href={`/office/drafts/${d.id}`} safe>{`${d.name || (ko ? '(이름 없음)' : '(untitled)')} · ${STATE_LABELS[d.state][p.lang]}`}</a></li>)}
        </ul>
      ) : <p safe>{ko ? '이 조사 기간에 등록을 시작한 신규 서비스가 없습니다.' : 'No new service registered during this survey.'}</p>}
      {canAnswer ? (
        <form method="post" action="/office/drafts" class="actions">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit" class="krds-btn secondary medium" safe>{ko ? '새 AI 서비스 등록' : 'Register a new AI service'}</button>
        </form>
      ) : ''}

      {canAnswer ? (
        <>
          <h2 safe>{ko ? '3. 응답 제출' : '3. Submit the answer'}</h2>
          <form method="post" action={`/office/surveys/tasks/${t.id}/answer`} class="editor" id="answer-form">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <div class={`form-group${err('noNewService') ? ' has-error' : ''}`}>
              {err('noNewService') ? <p class="field-error" id="f-noNewService-error" safe>{err('noNewService')}</p> : ''}
              <div class="krds-form-check medium">
                <input type="checkbox" id="f-noNewService" name="noNewService" value="yes" checked={!!p.values?.noNewService} aria-describedby={err('noNewService') ? 'f-noNewService-error' : undefined} />
                <label for="f-noNewService" safe>{ko ? '신규 AI 서비스가 없습니다 (이 조사 기간에 새로 도입했거나 도입 예정인 AI 서비스가 없음을 확인합니다)' : 'No new AI service (we confirm that no AI service was introduced or is planned in this period)'}</label>
              </div>
            </div>
            <div class="form-group">
              <label for="f-note" class="form-tit" safe>{ko ? '의견 (선택)' : 'Note (optional)'}</label>
              <textarea id="f-note" name="note" class="krds-input" safe>{p.values?.note ?? ''}</textarea>
            </div>
            <button type="submit" class="krds-btn primary medium" safe>{ko ? '응답 제출' : 'Submit the answer'}</button>
          </form>
        </>
      ) : ''}
    </OfficeLayout>
  );
}
