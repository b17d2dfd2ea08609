import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { audit } from '../audit/audit.repository.ts';
import { mailConfigFromEnv, sendOutbox, smtpTransport, type MailConfig } from '../mail/mail.ts';
import { enqueueMail, outboxSummary, type OutgoingMail } from '../mail/outbox.repository.ts';
import { daysBetween, seoulDate, weekStart } from './dates.ts';
import { DEFAULT_SURVEY_CONFIG, surveyConfigFromEnv, type SurveyConfig } from './surveys.config.ts';
import * as repo from './surveys.repository.ts';
import { reviewStatus } from './reviews.repository.ts';

const PREFIX = '[경기도 AI 등록부]';

/**
 * Queues the reminders due at `now` (Korean date) in the outbox, each at most once (dedupe key):
 * - to every active officer of each body with a pending task of an open campaign, `reminderDays`
 *   days before its deadline (the nearest one only, so a late start still gets one reminder);
 * - once a day while the task is overdue;
 * - once a week to the officers of a body with published records past their review date.
 * Calling it again at the same moment queues nothing more.
 */
export async function queueReminders(db: Kysely<DB>, now: Date, opts: Partial<Pick<SurveyConfig, 'reminderDays' | 'reviewMonths'>> & { publicUrl?: string } = {}) {
  const today = seoulDate(now);
  const days = [...(opts.reminderDays ?? DEFAULT_SURVEY_CONFIG.reminderDays)].sort((a, b) => a - b);
  const url = (path: string) => `${opts.publicUrl ?? ''}${path}`;

  const tasks = await repo.pendingTasksOfOpenCampaigns(db, today);
  const overdueRecords = await reviewStatus(db, { today, months: opts.reviewMonths ?? DEFAULT_SURVEY_CONFIG.reviewMonths, overdueOnly: true });
  const officers = await repo.officersOf(db, [...new Set([...tasks.map((t) => t.bodyId), ...overdueRecords.map((r) => r.bodyId)])]);
  const officersOf = (bodyId: number) => officers.filter((o) => o.bodyId === bodyId);

  const taskMails: OutgoingMail[] = [];
  for (const t of tasks) {
    const left = daysBetween(today, t.deadline);
    let kind: string;
    let subject: string;
    let lead: string;
    if (left >= 0) {
      const n = days.find((d) => left <= d);
      if (n === undefined) continue;
      kind = `before-${n}`;
      subject = `${PREFIX} 「${t.title}」 응답 ${left === 0 ? '마감일입니다' : `마감 ${left}일 전입니다`} (${t.bodyNameKo})`;
      lead = `「${t.title}」 조사의 응답 마감일(${t.deadline})이 ${left === 0 ? '오늘입니다' : `${left}일 남았습니다`}. ${t.bodyNameKo}의 응답이 아직 제출되지 않았습니다.`;
    } else {
      kind = `overdue-${today}`;
      subject = `${PREFIX} 「${t.title}」 응답 기한이 지났습니다 (${t.bodyNameKo})`;
      lead = `「${t.title}」 조사의 응답 마감일(${t.deadline})이 ${-left}일 지났습니다. ${t.bodyNameKo}의 응답을 제출해 주십시오.`;
    }
    for (const o of officersOf(t.bodyId)) {
      taskMails.push({
        to: o.email, subject, dedupeKey: `task:${t.id}:${kind}:${o.email}`,
        text: `${o.name} 님,\n\n${lead}\n\n공개된 서비스마다 「변경 없음 확인」 또는 「변경 제안」을 하고, 새 AI 서비스를 등록하거나 「신규 AI 서비스가 없습니다」를 선택한 뒤 응답을 제출하십시오.\n\n응답하기: ${url(`/office/surveys/tasks/${t.id}`)}\n\n— 경기도 공공부문 AI 등록부\n(This is a reminder of the Gyeonggi Public AI Registry survey "${t.title}", due ${t.deadline}.)`,
      });
    }
  }

  const reviewMails: OutgoingMail[] = [];
  const week = weekStart(today);
  for (const bodyId of [...new Set(overdueRecords.map((r) => r.bodyId))]) {
    const records = overdueRecords.filter((r) => r.bodyId === bodyId);
    const list = records.map((r) => `- ${r.publicId} ${r.name} (검토 예정일 ${r.nextReviewOn})`).join('\n');
    for (const o of officersOf(bodyId)) {
      reviewMails.push({
        to: o.email, subject: `${PREFIX} 정기 검토 기한이 지난 AI 서비스 ${records.length}건 (${records[0].bodyNameKo})`, dedupeKey: `review:${bodyId}:${week}:${o.email}`,
        text: `${o.name} 님,\n\n${records[0].bodyNameKo}의 공개 AI 서비스 중 정기 검토 기한이 지난 서비스가 ${records.length}건 있습니다.\n\n${list}\n\n내용이 그대로이면 「검토 완료(변경 없음)」를, 바뀌었으면 「변경 제안」을 하십시오: ${url('/office/surveys/tasks')}\n\n— 경기도 공공부문 AI 등록부`,
      });
    }
  }

  const queuedTasks = await enqueueMail(db, taskMails);
  const queuedReviews = await enqueueMail(db, reviewMails);
  return { tasks: queuedTasks, reviews: queuedReviews, queued: queuedTasks + queuedReviews };
}

/** One round: queue what is due, then send by SMTP when configured (otherwise mail waits in the outbox). */
export async function runReminders(db: Kysely<DB>, config: { mail: MailConfig; survey: SurveyConfig } = { mail: mailConfigFromEnv(), survey: surveyConfigFromEnv() }, now = new Date()) {
  const queued = await queueReminders(db, now, { ...config.survey, publicUrl: config.mail.publicUrl });
  let sent = 0;
  let failed = 0;
  if (config.mail.smtpUrl) {
    const transport = smtpTransport(config.mail.smtpUrl);
    try {
      ({ sent, failed } = await sendOutbox(db, transport, { from: config.mail.from }));
    } finally {
      transport.close?.();
    }
  }
  if (queued.queued || sent || failed) await audit(db, { action: 'mail.reminders', actorLabel: 'system', details: { ...queued, sent, failed } });
  return { ...queued, sent, failed, unsent: (await outboxSummary(db)).unsent };
}

/** Runs reminders inside the server every 5 minutes (first after one minute); the timer never keeps the process alive. */
export function startReminderSchedule(db: Kysely<DB>, config: { mail: MailConfig; survey: SurveyConfig }, log: { error(o: unknown, msg?: string): void }, everyMs = 5 * 60_000) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runReminders(db, config);
    } catch (error) {
      log.error(error, 'survey reminders failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(tick, Math.min(60_000, everyMs));
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => { clearTimeout(first); clearInterval(timer); };
}
