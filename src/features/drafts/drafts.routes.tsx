import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import type { Actor } from '../accounts/actor.ts';
import { classify } from '../disclosure/classification.ts';
import { formToDisclosure } from '../disclosure/disclosure.form.ts';
import { ServiceDetail } from '../portal/views/detail.tsx';
import { parseServiceFilter } from '../services/services.filter.ts';
import { findPublishedService } from '../services/services.repository.ts';
import { searchServices } from '../services/services.search.ts';
import { validateDisclosure } from '../services/services.service.ts';
import { completeness } from './completeness.ts';
import { draftScope } from './drafts.policy.ts';
import * as repo from './drafts.repository.ts';
import * as drafts from './drafts.service.ts';
import { Dashboard, DiscontinuePage } from './views/dashboard.tsx';
import { Editor } from './views/editor.tsx';
import { ReviewPage, ReviewQueue } from './views/review.tsx';

const HTML = 'text/html; charset=utf-8';
type Body = Record<string, unknown>;

function draftId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
  return id;
}

function html(reply: FastifyReply, body: string | Promise<string>, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type(HTML).send(body);
}

export async function draftRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;

  async function renderEditor(request: FastifyRequest, reply: FastifyReply, actor: Actor, id: number, extra: { values?: unknown; problems?: AppError['problems']; notice?: { kind: 'ok' | 'conflict'; text: string }; status?: number; changeReason?: string } = {}) {
    const draft = await drafts.getDraft(db, actor, id);
    const values = extra.values ?? draft.disclosure;
    return html(reply, <Editor lang={request.lang} actor={actor} csrf={csrfToken(request, reply)}
      draft={{ ...draft, changeReason: extra.changeReason ?? draft.changeReason }} values={values} problems={extra.problems ?? []}
      comments={await repo.listComments(db, id)} completeness={completeness(values)} notice={extra.notice} />, extra.status);
  }

  app.get('/office', async (request, reply) => {
    const actor = requireActor(request);
    const list = actor.role === 'officer' ? await repo.listDrafts(db, { scopeBodyId: draftScope(actor), states: ['draft', 'submitted', 'returned'] }) : [];
    const services = actor.role === 'officer' && actor.bodyCode ? (await searchServices(db, parseServiceFilter({ body: actor.bodyCode, pageSize: '100', sort: 'name' }))).items : [];
    const queue = actor.role !== 'officer' ? await repo.listDrafts(db, { scopeBodyId: null, states: ['submitted'] }) : [];
    return html(reply, <Dashboard lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} drafts={list.map((d) => ({ ...d, score: completeness(d.disclosure).score }))} services={services} queue={queue} />);
  });

  app.post('/office/drafts', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const id = await drafts.createDraft(db, actor, { disclosure: {} }, request.ip);
    return reply.redirect(`/office/drafts/${id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/office/drafts/:id', async (request, reply) => {
    const actor = requireActor(request);
    return renderEditor(request, reply, actor, draftId(request.params.id));
  });

  // Save or submit. On any refusal the officer's input is shown again as typed: nothing is lost.
  app.post<{ Params: { id: string }; Body: Body }>('/office/drafts/:id', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const id = draftId(request.params.id);
    const body = request.body ?? {};
    const values = formToDisclosure(body);
    const changeReason = typeof body.changeReason === 'string' ? body.changeReason : undefined;
    const ko = request.lang === 'ko';
    try {
      await drafts.saveDraft(db, actor, id, { disclosure: values, changeReason, revision: Number(body.revision), fromForm: true }, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return renderEditor(request, reply, actor, id, { values, changeReason, status: 409, notice: { kind: 'conflict', text: ko ? error.message : error.messageEn } });
      throw error;
    }
    if (body.intent === 'submit') {
      try {
        await drafts.transition(db, actor, id, 'submit', {}, request.ip);
        return reply.redirect(`/office?submitted=${id}`, 303);
      } catch (error) {
        if (error instanceof AppError && error.status === 400) return renderEditor(request, reply, actor, id, { problems: error.problems, status: 400 });
        throw error;
      }
    }
    return renderEditor(request, reply, actor, id, { notice: { kind: 'ok', text: ko ? '저장했습니다.' : 'Saved.' } });
  });

  app.get<{ Params: { id: string } }>('/office/drafts/:id/preview', async (request, reply) => {
    const actor = requireActor(request);
    const draft = await drafts.getDraft(db, actor, draftId(request.params.id));
    let disclosure;
    try {
      disclosure = validateDisclosure(draft.disclosure);
    } catch (error) {
      if (error instanceof AppError) return renderEditor(request, reply, actor, draft.id, { problems: error.problems, status: 400 });
      throw error;
    }
    const record = {
      serviceId: 0, publicId: draft.publicId ?? (request.lang === 'ko' ? '미리보기' : 'PREVIEW'), isExample: false, bodyId: draft.bodyId, bodyCode: draft.bodyCode,
      bodyNameKo: draft.bodyNameKo, bodyNameEn: null, bodyKind: '', versionId: 0, versionNo: 0, disclosure, changeReason: draft.changeReason, publishedAt: new Date(), firstPublishedAt: new Date(),
    };
    return html(reply, <ServiceDetail lang={request.lang} record={record} disclosure={disclosure} classification={classify(disclosure)} versions={[]} jsonLd="" />);
  });

  app.post<{ Params: { publicId: string } }>('/office/services/:publicId/change', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const r = await drafts.proposeChange(db, actor, request.params.publicId, request.ip);
    return reply.redirect(`/office/drafts/${r.id}`, 303);
  });

  app.get<{ Params: { publicId: string } }>('/office/services/:publicId/discontinue', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const record = await findPublishedService(db, request.params.publicId);
    if (!record || record.bodyId !== actor.bodyId) throw notFound();
    return html(reply, <DiscontinuePage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} publicId={record.publicId} name={(record.disclosure as any).name.ko} />);
  });

  app.post<{ Params: { publicId: string }; Body: Body }>('/office/services/:publicId/discontinue', async (request, reply) => {
    const actor = requireActor(request, ['officer']);
    const r = await drafts.proposeDiscontinuation(db, actor, request.params.publicId, { endDate: String(request.body?.endDate ?? ''), reason: String(request.body?.changeReason ?? '') }, request.ip);
    return reply.redirect(`/office/drafts/${r.id}`, 303);
  });

  app.get('/office/review', async (request, reply) => {
    const actor = requireActor(request, ['reviewer', 'admin']);
    return html(reply, <ReviewQueue lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} queue={await repo.listDrafts(db, { scopeBodyId: null, states: ['submitted'] })} />);
  });

  async function renderReview(request: FastifyRequest, reply: FastifyReply, actor: Actor, id: number, extra: { problems?: AppError['problems']; notice?: string; status?: number } = {}) {
    const draft = await repo.findDraft(db, id, null);
    if (!draft) throw notFound();
    const current = draft.publicId ? (await findPublishedService(db, draft.publicId))?.disclosure : undefined;
    return html(reply, <ReviewPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} draft={draft} current={current} comments={await repo.listComments(db, id)} problems={extra.problems ?? []} notice={extra.notice} />, extra.status);
  }

  app.get<{ Params: { id: string } }>('/office/review/:id', async (request, reply) => {
    const actor = requireActor(request, ['reviewer', 'admin']);
    return renderReview(request, reply, actor, draftId(request.params.id));
  });

  for (const action of ['return', 'publish'] as const) {
    app.post<{ Params: { id: string }; Body: Body }>(`/office/review/:id/${action}`, async (request, reply) => {
      const actor = requireActor(request, ['reviewer', 'admin']);
      const id = draftId(request.params.id);
      try {
        const r = await drafts.transition(db, actor, id, action, { comments: [{ item: String(request.body?.item ?? 'general'), comment: String(request.body?.comment ?? '') }] }, request.ip);
        return reply.redirect(r.published ? `/services/${r.published.publicId}` : '/office/review', 303);
      } catch (error) {
        if (error instanceof AppError && (error.status === 400 || error.status === 409)) {
          return renderReview(request, reply, actor, id, { problems: error.problems, notice: request.lang === 'ko' ? error.message : error.messageEn, status: error.status });
        }
        throw error;
      }
    });
  }
}
