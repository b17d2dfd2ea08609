import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/types.ts';
import { notFound, problemsFromZod, validationError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { completeness } from './completeness.ts';
import { draftScope } from './drafts.policy.ts';
import * as repo from './drafts.repository.ts';
import * as drafts from './drafts.service.ts';
import type { DraftRow } from './drafts.repository.ts';

const present = (d: DraftRow) => ({
  id: d.id, body: d.bodyCode, service: d.publicId, state: d.state, revision: d.revision, changeReason: d.changeReason,
  disclosure: d.disclosure, completeness: completeness(d.disclosure), createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
});

const saveSchema = z.object({ disclosure: z.record(z.string(), z.unknown()), changeReason: z.string().max(2000).nullable().optional(), revision: z.number().int().positive() });
const createSchema = z.object({ disclosure: z.record(z.string(), z.unknown()).default({}) });

function parse<T extends z.ZodTypeAny>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw validationError(problemsFromZod(r.error));
  return r.data;
}

const id = (raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 2_147_483_647) throw notFound();
  return n;
};

/** Machine submission: API tokens act as a registering officer of their body; the same rules as the forms. */
export async function draftApiRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;

  app.get('/api/v1/drafts', async (request) => {
    const actor = requireActor(request);
    const rows = await repo.listDrafts(db, { scopeBodyId: draftScope(actor) });
    return { items: rows.map(present) };
  });

  app.post('/api/v1/drafts', async (request, reply) => {
    const actor = requireActor(request);
    const input = parse(createSchema, request.body);
    const draftId = await drafts.createDraft(db, actor, input, request.ip);
    return reply.status(201).send(present(await drafts.getDraft(db, actor, draftId)));
  });

  app.get<{ Params: { id: string } }>('/api/v1/drafts/:id', async (request) => {
    const actor = requireActor(request);
    return present(await drafts.getDraft(db, actor, id(request.params.id)));
  });

  app.put<{ Params: { id: string } }>('/api/v1/drafts/:id', async (request) => {
    const actor = requireActor(request);
    const input = parse(saveSchema, request.body);
    await drafts.saveDraft(db, actor, id(request.params.id), input, request.ip);
    return present(await drafts.getDraft(db, actor, id(request.params.id)));
  });

  app.post<{ Params: { id: string } }>('/api/v1/drafts/:id/submit', async (request) => {
    const actor = requireActor(request);
    await drafts.transition(db, actor, id(request.params.id), 'submit', {}, request.ip);
    return present(await drafts.getDraft(db, actor, id(request.params.id)));
  });
}
