import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { ErrorSummary, OfficeLayout } from '../../../platform/views/office-layout.tsx';
import type { Actor } from '../../accounts/actor.ts';
import type { campaignProgress, listCampaigns, overdueReviews } from '../surveys.service.ts';
import { BODY_GROUPS, type BodyGroup } from '../surveys.schema.ts';
import type { listOutbox, outboxSummary } from '../../mail/outbox.repository.ts';
import { ANSWER_KINDS, BODY_KINDS, CAMPAIGN_STATE, l, stamp, TASK_STATUS } from './labels.ts';

type Campaigns = Awaited<ReturnType<typeof listCampaigns>>;
type Progress = Awaited<ReturnType<typeof campaignProgress>>;
type Overdue = Awaited<ReturnType<typeof overdueReviews>>;

const NOTICES: Record<string, { ko: string; en: string }> = {
  created: { ko: '조사를 시작했습니다. 각 기관에 응답 과제가 만들어졌습니다.', en: 'The survey is open; each body has a task.' },
  closed: { ko: '조사를 종료했습니다. 응답 결과는 그대로 보존됩니다.', en: 'The survey is closed; its results are kept.' },
  reminders: { ko: '알림 메일을 발송함에 넣었습니다 (SMTP가 설정되어 있으면 발송했습니다).', en: 'Reminders were queued (and sent, when SMTP is configured).' },
};

export function Notice(p: { lang: Lang; done?: string }): JSX.Element {
  const n = p.done ? NOTICES[p.done] : undefined;
  return n ? <div class="notice" role="status" safe>{l(n, p.lang)}</div> : <></>;
}

/** Administrators' overview: campaigns, records past their review date, and the mail outbox. */
export function SurveysOverview(p: { lang: Lang; actor: Actor; csrf: string; campaigns: Campaigns; overdue: Overdue; outbox: { summary: Awaited<ReturnType<typeof outboxSummary>>; items: Awaited<ReturnType<typeof listOutbox>>; smtp: boolean }; done?: string }): JSX.Element {
  const ko = p.lang === 'ko';
  const perBody = [...new Map(p.overdue.map((r) => [r.bodyId, { name: r.bodyNameKo, n: p.overdue.filter((x) => x.bodyId === r.bodyId).length }])).values()];
  return (
    <OfficeLayout lang={p.lang} title={ko ? '조사' : 'Surveys'} path="/office/surveys" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{ko ? '조사' : 'Surveys'}</h1>
      <Notice lang={p.lang} done={p.done} />
      <p class="actions"><a class="krds-btn primary medium" href="/office/surveys/new" safe>{ko ? '새 조사 만들기' : 'Open a new survey'}</a></p>
      <h2 safe>{ko ? '조사 목록' : 'Surveys'}</h2>
      {p.campaigns.length === 0 ? <p safe>{ko ? '아직 조사가 없습니다.' : 'No surveys yet.'}</p> : ''}
      <table class="simple" id="campaigns">
        <caption class="sr-only" safe>{ko ? '조사 목록' : 'Surveys'}</caption>
        <thead><tr>{(ko ? ['조사', '기간', '상태', '응답', '기한 경과'] : ['Survey', 'Period', 'State', 'Answered', 'Overdue']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.campaigns.map((c) => (
            <tr>
              <td><a href={`/office/surveys/${c.id}`} safe>{c.title}</a></td>
              <td safe>{`${c.opensOn} ~ ${c.deadline}`}</td>
              <td safe>{l(CAMPAIGN_STATE[c.state], p.lang)}</td>
              <td safe>{`${c.answered} / ${c.tasks} (${c.tasks ? Math.round((c.answered / c.tasks) * 100) : 0}%)`}</td>
              <td safe>{String(c.overdue)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="overdue-reviews" safe>{ko ? `정기 검토 기한이 지난 공개 서비스 (${p.overdue.length}건)` : `Published records past their review date (${p.overdue.length})`}</h2>
      {p.overdue.length === 0 ? <p safe>{ko ? '검토 기한이 지난 서비스가 없습니다.' : 'None.'}</p> : (
        <>
          <p safe>{perBody.map((b) => `${b.name} ${b.n}${ko ? '건' : ''}`).join(' · ')}</p>
          <table class="simple">
            <caption class="sr-only" safe>{ko ? '검토 기한 경과 서비스' : 'Overdue reviews'}</caption>
            <thead><tr>{(ko ? ['기관', '등록번호', '서비스', '마지막 검토', '검토 예정일'] : ['Body', 'ID', 'Service', 'Last reviewed', 'Review due']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
            <tbody>
              {p.overdue.map((r) => (
                <tr>
                  <td safe>{r.bodyNameKo}</td>
                  <td safe>{r.publicId}</td>
                  <td><a href={`/services/${r.publicId}`} safe>{r.name}</a></td>
                  <td safe>{r.lastReviewedOn}</td>
                  <td safe>{r.nextReviewOn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2 id="outbox" safe>{ko ? '알림 메일 발송함' : 'Mail outbox'}</h2>
      <p safe>{ko ? `발송 대기 ${p.outbox.summary.unsent}건 · 발송 완료 ${p.outbox.summary.sent}건 · 오류 ${p.outbox.summary.failing}건` : `${p.outbox.summary.unsent} waiting · ${p.outbox.summary.sent} sent · ${p.outbox.summary.failing} failing`}</p>
      {p.outbox.smtp ? '' : <p class="notice" safe>{ko ? 'SMTP 서버(SMTP_URL)가 설정되지 않아 알림 메일은 발송하지 않고 이 발송함에 보관합니다.' : 'No SMTP server (SMTP_URL) is configured: reminders stay in this outbox.'}</p>}
      <form method="post" action="/office/surveys/reminders" class="actions">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <button type="submit" class="krds-btn secondary medium" safe>{ko ? '지금 알림 만들기' : 'Queue reminders now'}</button>
      </form>
      <table class="simple">
        <caption class="sr-only" safe>{ko ? '발송함' : 'Outbox'}</caption>
        <thead><tr>{(ko ? ['받는 사람', '제목', '만든 시각', '발송 시각', '시도', '오류'] : ['To', 'Subject', 'Queued', 'Sent', 'Attempts', 'Error']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {p.outbox.items.map((m) => (
            <tr>
              <td safe>{m.to}</td>
              <td safe>{m.subject}</td>
              <td safe>{stamp(m.createdAt)}</td>
              <td safe>{m.sentAt ? stamp(m.sentAt) : ko ? '대기' : 'waiting'}</td>
              <td safe>{String(m.attempts)}</td>
              <td safe>{m.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </OfficeLayout>
  );
}

type FormValues = { title?: string; description?: string; opensOn?: string; deadline?: string; groups?: string[]; bodies?: string[] };

/** The "open a survey" form: body selection by group, or body by body (works without JavaScript). */
export function CampaignFormPage(p: { lang: Lang; actor: Actor; csrf: string; bodies: { code: string; kind: string; nameKo: string; nameEn: string | null }[]; values: FormValues; problems: FieldProblem[] }): JSX.Element {
  const ko = p.lang === 'ko';
  const v = p.values;
  const err = (field: string) => p.problems.filter((x) => x.field === field).map((x) => (ko ? x.message : x.messageEn)).join(' ');
  const kinds = ['province', 'department', 'city', 'county', 'institution'];
  return (
    <OfficeLayout lang={p.lang} title={ko ? '새 조사' : 'New survey'} path="/office/surveys" actor={p.actor} csrf={p.csrf}>
      <h1 safe>{ko ? '새 조사 만들기' : 'Open a new survey'}</h1>
      <ErrorSummary lang={p.lang} problems={p.problems} />
      <form method="post" action="/office/surveys" class="editor" novalidate>
        <input type="hidden" name="_csrf" value={p.csrf} />
        {[['title', ko ? '조사 제목 (필수)' : 'Title (required)', 'text'], ['opensOn', ko ? '시작일 (필수)' : 'Start date (required)', 'date'], ['deadline', ko ? '마감일 (필수)' : 'Deadline (required)', 'date']].map(([name, label, type]) => (
          <div class={`form-group${err(name) ? ' has-error' : ''}`}>
            <label for={`f-${name}`} class="form-tit" safe>{label}</label>
            {err(name) ? <p class="field-error" id={`f-${name}-error`} safe>{err(name)}</p> : ''}
            <input type={type} id={`f-${name}`} name={name} class="krds-input" value={(v as Record<string, unknown>)[name] as string ?? ''} aria-invalid={err(name) ? 'true' : undefined} aria-describedby={err(name) ? `f-${name}-error` : undefined} />
          </div>
        ))}
        <div class="form-group">
          <label for="f-description" class="form-tit" safe>{ko ? '설명 (선택)' : 'Description (optional)'}</label>
          <textarea id="f-description" name="description" class="krds-input" safe>{v.description ?? ''}</textarea>
        </div>
        <fieldset class={`form-group choices${err('bodies') ? ' has-error' : ''}`} aria-describedby={err('bodies') ? 'f-bodies-error' : undefined}>
          <legend class="form-tit" safe>{ko ? '조사 대상 기관 (하나 이상)' : 'Bodies to survey (at least one)'}</legend>
          {/* KRDS hides legends and native inputs: the visible title repeats the legend, and each input is drawn by krds-form-check. */}
          <p class="form-tit" aria-hidden="true" safe>{ko ? '조사 대상 기관 (하나 이상)' : 'Bodies to survey (at least one)'}</p>
          {err('bodies') ? <p class="field-error" id="f-bodies-error" safe>{err('bodies')}</p> : ''}
          <div class="krds-check-area" style="flex-wrap: wrap">
            {(Object.keys(BODY_GROUPS) as BodyGroup[]).map((g, i) => (
              <div class="krds-form-check medium">
                <input type="checkbox" id={i === 0 ? 'f-bodies' : `f-group-${g}`} name="groups" value={g} checked={(v.groups ?? []).includes(g)} />
                <label for={i === 0 ? 'f-bodies' : `f-group-${g}`} safe>{l(BODY_GROUPS[g], p.lang)}</label>
              </div>
            ))}
          </div>
          <details open={(v.bodies ?? []).length > 0}>
            <summary safe>{ko ? '기관을 하나씩 선택' : 'Choose bodies one by one'}</summary>
            {kinds.map((k) => (
              <fieldset class="choices">
                <legend safe>{l(BODY_KINDS[k], p.lang)}</legend>
                <p class="form-tit" aria-hidden="true" safe>{l(BODY_KINDS[k], p.lang)}</p>
                <div class="krds-check-area" style="flex-wrap: wrap">
                  {p.bodies.filter((b) => b.kind === k).map((b) => (
                    <div class="krds-form-check medium">
                      <input type="checkbox" id={`f-body-${b.code}`} name="bodies" value={b.code} checked={(v.bodies ?? []).includes(b.code)} />
                      <label for={`f-body-${b.code}`} safe>{ko ? b.nameKo : b.nameEn ?? b.nameKo}</label>
                    </div>
                  ))}
                </div>
              </fieldset>
            ))}
          </details>
        </fieldset>
        <button type="submit" class="krds-btn primary medium" safe>{ko ? '조사 시작' : 'Open the survey'}</button>
      </form>
    </OfficeLayout>
  );
}

/** One campaign: overall progress and each body's answer. */
export function CampaignPage(p: { lang: Lang; actor: Actor; csrf: string; progress: Progress; done?: string; error?: string }): JSX.Element {
  const ko = p.lang === 'ko';
  const { campaign: c, tasks, summary: s } = p.progress;
  return (
    <OfficeLayout lang={p.lang} title={c.title} path="/office/surveys" actor={p.actor} csrf={p.csrf}>
      <p><a href="/office/surveys" safe>{ko ? '← 조사 목록' : '← Surveys'}</a></p>
      <h1 safe>{c.title}</h1>
      <p class="meta" safe>{`${ko ? '기간' : 'Period'} ${c.opensOn} ~ ${c.deadline} · ${l(CAMPAIGN_STATE[c.state], p.lang)}${c.closedAt ? ` (${stamp(c.closedAt)})` : ''}${c.createdByName ? ` · ${c.createdByName}` : ''}`}</p>
      <Notice lang={p.lang} done={p.done} />
      {p.error ? <div class="error-summary" role="alert" safe>{p.error}</div> : ''}
      {c.description ? <p safe>{c.description}</p> : ''}
      {c.state === 'closed' ? <p class="notice" safe>{ko ? '종료된 조사입니다. 결과는 보존되며 더 이상 응답을 받지 않습니다.' : 'This survey is closed. Its results are kept; no more answers are accepted.'}</p> : ''}
      <h2 safe>{ko ? '전체 진행률' : 'Overall progress'}</h2>
      <p id="overall">
        <label for="progress" safe>{ko ? `응답 ${s.answered} / ${s.total} 기관 (${s.percent}%)` : `${s.answered} of ${s.total} bodies answered (${s.percent}%)`}</label>{' '}
        <progress id="progress" max={String(s.total)} value={String(s.answered)} safe>{`${s.percent}%`}</progress>
      </p>
      <ul id="summary">
        <li safe>{`${l(TASK_STATUS.answered, p.lang)}: ${s.answered}`}</li>
        <li safe>{`${l(TASK_STATUS.pending, p.lang)}: ${s.pending}`}</li>
        <li safe>{`${l(TASK_STATUS.overdue, p.lang)}: ${s.overdue}`}</li>
        {(Object.keys(ANSWER_KINDS) as (keyof typeof ANSWER_KINDS)[]).map((k) => <li safe>{`${l(ANSWER_KINDS[k], p.lang)}: ${s.byKind[k]}`}</li>)}
      </ul>
      <h2 safe>{ko ? '기관별 진행 현황' : 'Progress per body'}</h2>
      <table class="simple" id="tasks">
        <caption class="sr-only" safe>{ko ? '기관별 진행 현황' : 'Progress per body'}</caption>
        <thead><tr>{(ko ? ['기관', '구분', '상태', '응답 유형', '공개 서비스 확인', '응답 일시', '응답자'] : ['Body', 'Kind', 'Status', 'Answer', 'Services confirmed', 'Answered at', 'By']).map((h) => <th scope="col" safe>{h}</th>)}</tr></thead>
        <tbody>
          {tasks.map((t) => (
            <tr data-body={t.bodyCode} data-status={t.status}>
              <td><a href={`/office/surveys/tasks/${t.id}`} safe>{ko ? t.bodyNameKo : t.bodyNameEn ?? t.bodyNameKo}</a></td>
              <td safe>{l(BODY_KINDS[t.bodyKind] ?? { ko: t.bodyKind, en: t.bodyKind }, p.lang)}</td>
              <td safe>{l(TASK_STATUS[t.status], p.lang)}</td>
              <td safe>{t.answerKind ? l(ANSWER_KINDS[t.answerKind], p.lang) : ''}</td>
              <td safe>{`${t.confirmed} / ${t.services}${t.changes ? (ko ? ` (변경 제안 ${t.changes})` : ` (${t.changes} changes)`) : ''}`}</td>
              <td safe>{stamp(t.answeredAt)}</td>
              <td safe>{t.answeredByName ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.state === 'open' ? (
        <form method="post" action={`/office/surveys/${c.id}/close`} class="actions">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <p safe>{ko ? '조사를 종료하면 응답 결과는 그대로 보존되고, 더 이상 응답을 받지 않습니다.' : 'Closing keeps the results and stops accepting answers.'}</p>
          <button type="submit" class="krds-btn secondary medium" safe>{ko ? '조사 종료' : 'Close the survey'}</button>
        </form>
      ) : ''}
    </OfficeLayout>
  );
}
