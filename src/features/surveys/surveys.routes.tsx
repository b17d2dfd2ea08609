import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import type { Actor } from '../accounts/actor.ts';
import { mailConfigFromEnv, type MailConfig } from '../mail/mail.ts';
import { listOutbox, outboxSummary } from '../mail/outbox.repository.ts';
import { runReminders, startReminderSchedule } from './reminders.ts';
import { surveyConfigFromEnv, type SurveyConfig } from './surveys.config.ts';
import { listBodiesForSelection } from './surveys.repository.ts';
import * as surveys from './surveys.service.ts';
import { CampaignFormPage, CampaignPage, SurveysOverview } from './views/campaigns.tsx';
import { MyTasksPage, TaskPage } from './views/tasks.tsx';

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, unknown>;
type Query = { done?: string };

function idOf(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

function html(reply: FastifyReply, body: string | Promise<string>, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type(HTML).send(body);
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/**
 * Survey campaigns (administrators), survey tasks (officers) and the review cycle. With
 * `config.survey.schedule` the reminders also run inside the server every 5 minutes.
 */
export async function surveyRoutes(app: FastifyInstance, opts: { db: Kysely<DB>; config?: { mail: MailConfig; survey: SurveyConfig } }) {
  const { db } = opts;
  const config = opts.config ?? { mail: mailConfigFromEnv(), survey: surveyConfigFromEnv() };

  if (config.survey.schedule) {
    let stop: (() => void) | undefined;
    app.addHook('onReady', async () => { stop = startReminderSchedule(db, config, app.log); });
    app.addHook('onClose', async () => { stop?.(); });
  }

  // ---- administrators ----

  app.get<{ Querystring: Query }>('/office/surveys', async (request, reply) => {
    const actor = requireActor(request, ['admin']);
    const [campaigns, overdue, summary, items] = await Promise.all([
      surveys.listCampaigns(db, actor), surveys.overdueReviews(db, actor, config.survey.reviewMonths), outboxSummary(db), listOutbox(db),
    ]);
    return html(reply, <SurveysOverview lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} campaigns={campaigns} overdue={overdue}
      outbox={{ summary, items, smtp: !!config.mail.smtpUrl }} done={request.query.done} />);
  });

  app.get('/office/surveys/new', async (request, reply) => {
    const actor = requireActor(request, ['admin']);
    return html(reply, <CampaignFormPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} bodies={await listBodiesForSelection(db)} values={{}} problems={[]} />);
  });

  app.post<{ Body: Body }>('/office/surveys', async (request, reply) => {
    const actor = requireActor(request, ['admin']);
    const body = request.body ?? {};
    try {
      const id = await surveys.createCampaign(db, actor, body, request.ip);
      return reply.redirect(`/office/surveys/${id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      const values = { title: text(body.title), description: text(body.description), opensOn: text(body.opensOn), deadline: text(body.deadline), groups: asList(body.groups), bodies: asList(body.bodies) };
      return html(reply, <CampaignFormPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} bodies={await listBodiesForSelection(db)} values={values} problems={error.problems} />, 400);
    }
  });

  app.post('/office/surveys/reminders', async (request, reply) => {
    requireActor(request, ['admin']);
    await runReminders(db, config);
    return reply.redirect('/office/surveys?done=reminders#outbox', 303);
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/office/surveys/:id', async (request, reply) => {
    const actor = requireActor(request, ['admin']);
    const progress = await surveys.campaignProgress(db, actor, idOf(request.params.id));
    return html(reply, <CampaignPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} progress={progress} done={request.query.done} />);
  });

  app.post<{ Params: { id: string } }>('/office/surveys/:id/close', async (request, reply) => {
    const actor = requireActor(request, ['admin']);
    const id = idOf(request.params.id);
    try {
      await surveys.closeCampaign(db, actor, id, request.ip);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return html(reply, <CampaignPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} progress={await surveys.campaignProgress(db, actor, id)} error={request.lang === 'ko' ? error.message : error.messageEn} />, 409);
    }
    return reply.redirect(`/office/surveys/${id}?done=closed`, 303);
  });

  // ---- officers ----

  app.get<{ Querystring: Query }>('/office/surveys/tasks', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const [tasks, overdue] = await Promise.all([surveys.listMyTasks(db, actor), surveys.overdueReviews(db, actor, config.survey.reviewMonths)]);
    return html(reply, <MyTasksPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} tasks={tasks} overdue={overdue} done={request.query.done} />);
  });

  async function renderTask(request: FastifyRequest, reply: FastifyReply, actor: Actor, id: number, extra: { problems?: AppError['problems']; error?: string; done?: string; status?: number; values?: { noNewService?: boolean; note?: string } } = {}) {
    const view = await surveys.getTask(db, actor, id);
    return html(reply, <TaskPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} view={view} problems={extra.problems} error={extra.error} done={extra.done} values={extra.values} />, extra.status);
  }

  /** A refused answer shows the task again with the reason; other errors go to the error page. */
  async function orRender(request: FastifyRequest, reply: FastifyReply, actor: Actor, id: number, error: unknown, values?: { noNewService?: boolean; note?: string }) {
    if (error instanceof AppError && (error.status === 400 || error.status === 409)) {
      return renderTask(request, reply, actor, id, { problems: error.problems, error: error.status === 409 ? (request.lang === 'ko' ? error.message : error.messageEn) : undefined, status: error.status, values });
    }
    throw error;
  }

  app.get<{ Params: { id: string }; Querystring: Query }>('/office/surveys/tasks/:id', async (request, reply) => {
    const actor = requireActor(request, ['officer', 'admin']);
    return renderTask(request, reply, actor, idOf(request.params.id), { done: request.query.done });
  });

  app.post<{ Params: { id: string }; Body: Body }>('/office/surveys/tasks/:id/confirm', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const id = idOf(request.params.id);
    try {
      await surveys.confirmUnchanged(db, actor, id, text(request.body?.service), request.ip);
    } catch (error) {
      return orRender(request, reply, actor, id, error);
    }
    return reply.redirect(`/office/surveys/tasks/${id}?done=confirmed`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>('/office/surveys/tasks/:id/propose', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const id = idOf(request.params.id);
    let draftId: number;
    try {
      draftId = await surveys.proposeServiceChange(db, actor, id, text(request.body?.service), request.ip);
    } catch (error) {
      return orRender(request, reply, actor, id, error);
    }
    return reply.redirect(`/office/drafts/${draftId}`, 303);
  });

  app.post<{ Params: { id: string }; Body: Body }>('/office/surveys/tasks/:id/answer', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const id = idOf(request.params.id);
    const values = { noNewService: asList(request.body?.noNewService).includes('yes'), note: text(request.body?.note).slice(0, 4000) };
    try {
      await surveys.answerTask(db, actor, id, values, request.ip);
    } catch (error) {
      return orRender(request, reply, actor, id, error, values);
    }
    return reply.redirect(`/office/surveys/tasks/${id}?done=answered`, 303);
  });

  app.post<{ Params: { publicId: string } }>('/office/surveys/reviews/:publicId', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    await surveys.markReviewed(db, actor, request.params.publicId, request.ip);
    return reply.redirect('/office/surveys/tasks?done=reviewed#overdue-reviews', 303);
  });
}
