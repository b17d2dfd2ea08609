import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { takeToken } from '../../platform/http/db-rate-limit.ts';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import { audit } from '../audit/audit.repository.ts';
import * as repo from './accounts.repository.ts';
import { changePassword, createApiToken } from './accounts.service.ts';
import type { Actor } from './actor.ts';
import { AccountPage, type AccountPageProps } from './views/account.tsx';

const HTML = 'text/html; charset=utf-8';
type Form = Record<string, unknown>;
const text = (v: unknown, max = 200) => (typeof v === 'string' ? v.slice(0, max) : '');

const DONE: Record<string, { ko: string; en: string }> = {
  password: { ko: '비밀번호를 바꾸었습니다. 다른 곳의 로그인은 모두 끝났습니다.', en: 'Password changed. You were signed out everywhere else.' },
  revoked: { ko: 'API 토큰을 폐기했습니다. 이 토큰으로는 더 이상 요청할 수 없습니다.', en: 'API token revoked; it no longer works.' },
};

/** Revokes one of the actor's own tokens; someone else's token answers like a missing one. */
async function revokeOwnToken(db: Kysely<DB>, actor: Actor, tokenId: number, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.revokeApiToken(trx, actor.id, tokenId))) throw notFound();
    await audit(trx, { action: 'token.revoke', actorId: actor.id, entity: 'api_token', entityId: tokenId, bodyId: actor.bodyId, ip });
  });
}

/** My account: who I am, my password, my API tokens. Every signed-in person, whatever the role. */
export async function myAccountRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, actor: Actor, extra: Partial<Pick<AccountPageProps, 'form' | 'problems' | 'notice' | 'newToken'>> & { status?: number } = {}) {
    const account = await repo.findAccountById(db, actor.id);
    if (!account) throw notFound();
    const page = await (<AccountPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} tokens={await repo.listApiTokens(db, actor.id)}
      account={{ email: account.email, name: account.name, role: account.role, bodyCode: account.bodyCode, bodyNameKo: account.bodyNameKo }}
      form={extra.form} problems={extra.problems ?? []} notice={extra.notice} newToken={extra.newToken} />);
    return reply.status(extra.status ?? 200).header('Cache-Control', 'no-store').type(HTML).send(page);
  }

  const message = (request: FastifyRequest, e: { message: string; messageEn: string }) => (request.lang === 'en' ? e.messageEn : e.message);

  app.get<{ Querystring: { done?: string } }>('/office/account', async (request, reply) => {
    const actor = requireActor(request);
    const done = DONE[String(request.query.done ?? '')];
    return render(request, reply, actor, { notice: done ? { kind: 'ok', text: request.lang === 'en' ? done.en : done.ko } : undefined });
  });

  app.post<{ Body: Form }>('/office/account/password', async (request, reply) => {
    const actor = requireActor(request);
    const body = request.body ?? {};
    try {
      // The current password is checked here: at most 10 tries per account in 15 minutes.
      if (!(await takeToken(db, `password:account:${actor.id}`, 10, 15 * 60_000))) {
        throw new AppError(429, 'RATE_LIMITED', '비밀번호 변경 시도가 너무 많습니다. 15분 뒤에 다시 시도하십시오.', 'Too many attempts; try again in 15 minutes.');
      }
      await changePassword(db, actor, { current: text(body.current), next: text(body.next, 1000), confirm: text(body.confirm, 1000) }, request.ip);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 429)) throw error;
      return render(request, reply, actor, { form: 'password', problems: error.problems, notice: error.problems.length ? undefined : { kind: 'error', text: message(request, error) }, status: error.status });
    }
    return reply.redirect('/office/account?done=password', 303);
  });

  app.post<{ Body: Form }>('/office/account/tokens', async (request, reply) => {
    const actor = requireActor(request);
    const name = text(request.body?.name);
    try {
      const token = await createApiToken(db, actor, name, request.ip);
      // No redirect: the secret exists only in this response.
      return render(request, reply, actor, { newToken: { name: name.trim().slice(0, 100), value: token } });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      return render(request, reply, actor, { form: 'token', problems: error.problems, notice: error.problems.length ? undefined : { kind: 'error', text: message(request, error) }, status: 400 });
    }
  });

  app.post<{ Params: { id: string } }>('/office/account/tokens/:id/revoke', async (request, reply) => {
    const actor = requireActor(request);
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw notFound();
    await revokeOwnToken(db, actor, id, request.ip);
    return reply.redirect('/office/account?done=revoked#tokens', 303);
  });
}
