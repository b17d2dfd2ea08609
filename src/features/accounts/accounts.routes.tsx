import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/http/errors.ts';
import { takeToken } from '../../platform/http/db-rate-limit.ts';
import { cookieOptions, csrfToken, SESSION_COOKIE } from '../../platform/auth/auth.plugin.ts';
import { login, logout } from './accounts.service.ts';
import { SESSION_HOURS } from './accounts.service.ts';
import { LoginPage } from './views/login.tsx';

const HTML = 'text/html; charset=utf-8';

/** Only local paths are followed after login (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/office(\/[\w\-/.?=&%]*)?$/.test(next) && !next.startsWith('//') ? next : '/office';
}

export async function accountRoutes(app: FastifyInstance, opts: { db: Kysely<DB>; oidc?: boolean }) {
  const { db } = opts;

  app.get<{ Querystring: { next?: string } }>('/office/login', async (request, reply) => {
    if (request.actor) return reply.redirect(safeNext(request.query.next), 303);
    reply.header('Cache-Control', 'no-store');
    return reply.type(HTML).send(await (<LoginPage lang={request.lang} csrf={csrfToken(request, reply)} next={safeNext(request.query.next)} oidc={!!opts.oidc} />));
  });

  app.post<{ Body: { email?: string; password?: string; next?: string } }>('/office/login', async (request, reply) => {
    const email = String(request.body?.email ?? '').slice(0, 200);
    const password = String(request.body?.password ?? '').slice(0, 200);
    const ip = request.ip;
    // At most 100 attempts per 15 minutes per address (offices share addresses) and 10 per account, across all servers.
    const allowed = (await takeToken(db, `login:ip:${ip}`, 100, 15 * 60_000)) && (await takeToken(db, `login:email:${email.toLowerCase()}`, 10, 15 * 60_000));
    try {
      if (!allowed) throw new AppError(429, 'RATE_LIMITED', '로그인 시도가 너무 많습니다. 15분 뒤에 다시 시도하십시오.', 'Too many sign-in attempts; try again in 15 minutes.');
      const session = await login(db, { email, password, ip, userAgent: request.headers['user-agent'] ?? null });
      // Any session id the browser had before is replaced: no session fixation.
      reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(request, SESSION_HOURS * 3600));
      reply.clearCookie('pcsrf', { path: '/' });
      return reply.redirect(safeNext(request.body?.next), 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reply.status(error.status).header('Cache-Control', 'no-store');
      const message = request.lang === 'en' ? error.messageEn : error.message;
      return reply.type(HTML).send(await (<LoginPage lang={request.lang} csrf={csrfToken(request, reply)} next={safeNext(request.body?.next)} email={email} error={message} oidc={!!opts.oidc} />));
    }
  });

  app.post('/office/logout', async (request, reply) => {
    if (request.actor) await logout(db, request.actor, request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/office/login', 303);
  });
}
