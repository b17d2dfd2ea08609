import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import type { Actor } from '../accounts/actor.ts';
import { pick } from '../disclosure/disclosure.fields.ts';
import type { ServiceRecord } from '../services/services.repository.ts';
import type { BacklogSort, QuestionState } from './questions.repository.ts';
import * as questions from './questions.service.ts';
import { formStamp, hashIp, spamCheck } from './questions.spam.ts';
import { AskPage, AskSentPage, type AskValues } from './views/ask.tsx';
import { AnswerPage, BacklogPage, QuestionListPage, type ListView } from './views/office.tsx';

const HTML = 'text/html; charset=utf-8';
const PUBLIC_ID = /^GG-\d{4}-\d{4,}$/;
type Body = Record<string, unknown>;

function publicIdOf(raw: string): string {
  if (!PUBLIC_ID.test(raw)) throw notFound();
  return raw;
}

function questionId(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,10}$/.test(raw) || !Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

function html(reply: FastifyReply, body: string | Promise<string>, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type(HTML).send(body);
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const VIEWS: Record<string, ListView> = { open: 'open', answered: 'answered', hidden: 'hidden' };
const VIEW_STATES: Record<ListView, QuestionState[]> = { active: ['open', 'answered'], open: ['open'], answered: ['answered'], hidden: ['hidden'] };
const SORTS: BacklogSort[] = ['age', 'age-asc', 'count', 'body'];

/** Public questions and error reports (no account), and the back office that answers them. */
export async function questionRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;

  // ---- public ----

  async function renderAsk(request: FastifyRequest, reply: FastifyReply, record: ServiceRecord, extra: { values?: AskValues; problems?: AppError['problems']; notice?: string; status?: number } = {}) {
    const lang = request.lang;
    const name = pick((record.disclosure as { name: { ko: string; en?: string } }).name, lang);
    return html(reply, <AskPage lang={lang} publicId={record.publicId} serviceName={name} bodyName={lang === 'ko' ? record.bodyNameKo : record.bodyNameEn || record.bodyNameKo}
      csrf={csrfToken(request, reply)} stamp={formStamp(record.publicId)} values={extra.values ?? {}} problems={extra.problems ?? []} notice={extra.notice} />, extra.status);
  }

  app.get<{ Params: { id: string } }>('/services/:id/ask', async (request, reply) => {
    const record = await questions.askableService(db, publicIdOf(request.params.id));
    return renderAsk(request, reply, record);
  });

  // Honeypot and form stamp first, then the content, then the rate limits; on any refusal nothing
  // is stored and the form comes back with the resident's text as typed.
  app.post<{ Params: { id: string }; Body: Body }>('/services/:id/ask', async (request, reply) => {
    const record = await questions.askableService(db, publicIdOf(request.params.id));
    const body = request.body ?? {};
    const values: AskValues = { kind: str(body.kind), text: str(body.text), name: str(body.name), email: str(body.email) };
    const ko = request.lang === 'ko';
    const spam = spamCheck(record.publicId, body);
    if (spam) return renderAsk(request, reply, record, { values, notice: ko ? spam.message : spam.messageEn, status: 400 });
    try {
      await questions.askQuestion(db, record.publicId, values, { ipHash: hashIp(request.ip) });
    } catch (error) {
      if (error instanceof AppError && error.status === 400) return renderAsk(request, reply, record, { values, problems: error.problems, status: 400 });
      if (error instanceof AppError && error.status === 429) return renderAsk(request, reply, record, { values, notice: ko ? error.message : error.messageEn, status: 429 });
      throw error;
    }
    return reply.redirect(`/services/${record.publicId}/ask/sent${request.lang === 'en' ? '?lang=en' : ''}`, 303);
  });

  app.get<{ Params: { id: string } }>('/services/:id/ask/sent', async (request, reply) => {
    const record = await questions.askableService(db, publicIdOf(request.params.id));
    const name = pick((record.disclosure as { name: { ko: string; en?: string } }).name, request.lang);
    return html(reply, <AskSentPage lang={request.lang} publicId={record.publicId} serviceName={name} />);
  });

  // ---- back office ----

  app.get<{ Querystring: { state?: string; done?: string } }>('/office/questions', async (request, reply) => {
    const actor = requireActor(request);
    const view = VIEWS[request.query.state ?? ''] ?? 'active';
    const list = await questions.listQuestions(db, actor, VIEW_STATES[view]);
    return html(reply, <QuestionListPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} view={view} questions={list} done={str(request.query.done)} />);
  });

  async function renderAnswer(request: FastifyRequest, reply: FastifyReply, actor: Actor, id: number, extra: { answer?: string; problems?: AppError['problems']; notice?: string; status?: number } = {}) {
    const question = await questions.getQuestion(db, actor, id);
    return html(reply, <AnswerPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} question={question} answer={extra.answer} problems={extra.problems ?? []} notice={extra.notice} />, extra.status);
  }

  app.get<{ Params: { id: string } }>('/office/questions/:id', async (request, reply) => {
    const actor = requireActor(request);
    return renderAnswer(request, reply, actor, questionId(request.params.id));
  });

  app.post<{ Params: { id: string }; Body: Body }>('/office/questions/:id/answer', async (request, reply) => {
    const actor = requireActor(request);
    const id = questionId(request.params.id);
    const answer = str(request.body?.answer);
    try {
      await questions.answerQuestion(db, actor, id, { answer }, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.status === 400) return renderAnswer(request, reply, actor, id, { answer, problems: error.problems, status: 400 });
      if (error instanceof AppError && error.status === 409) return renderAnswer(request, reply, actor, id, { answer, notice: request.lang === 'ko' ? error.message : error.messageEn, status: 409 });
      throw error;
    }
    return reply.redirect('/office/questions?done=answered', 303);
  });

  app.post<{ Params: { id: string } }>('/office/questions/:id/hide', async (request, reply) => {
    const actor = requireActor(request, ['reviewer', 'admin']);
    await questions.hideQuestion(db, actor, questionId(request.params.id), request.ip);
    return reply.redirect('/office/questions?done=hidden', 303);
  });

  app.get<{ Querystring: { sort?: string } }>('/office/admin/questions', async (request, reply) => {
    const actor = requireActor(request, ['admin']);
    const sort = SORTS.find((s) => s === request.query.sort) ?? 'age';
    const rows = await questions.backlogOverview(db, actor, sort);
    return html(reply, <BacklogPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} sort={sort} rows={rows} />);
  });
}
