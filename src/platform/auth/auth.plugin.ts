import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { AppError } from '../http/errors.ts';
import { newSecret, safeEqual } from './secrets.ts';
import type { Actor, Role } from '../../features/accounts/actor.ts';
import { resolveApiToken, resolveSession } from '../../features/accounts/accounts.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

export const SESSION_COOKIE = 'sid';
const PRE_CSRF_COOKIE = 'pcsrf';

/** Cookies are Secure whenever the request came over HTTPS (directly or via the proxy). */
export function cookieOptions(request: FastifyRequest, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https', ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/** The CSRF token for forms on this page: the session's, or (before login) a double-submit cookie. */
export function csrfToken(request: FastifyRequest, reply: FastifyReply): string {
  if (request.actor?.csrf) return request.actor.csrf;
  let token = request.cookies[PRE_CSRF_COOKIE];
  if (!token || token.length < 20) {
    token = newSecret();
    reply.setCookie(PRE_CSRF_COOKIE, token, cookieOptions(request, 60 * 60 * 4));
    request.cookies[PRE_CSRF_COOKIE] = token;
  }
  return token;
}

const csrfError = () => new AppError(403, 'CSRF_FAILED', '보안 확인(CSRF)에 실패했습니다. 페이지를 새로 고친 뒤 다시 시도하십시오.', 'Security check (CSRF) failed; reload the page and try again.');

async function authPlugin(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  app.decorateRequest('actor', undefined);

  app.addHook('onRequest', async (request) => {
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ') && request.url.startsWith('/api/')) {
      request.actor = await resolveApiToken(opts.db, auth.slice(7).trim());
      if (!request.actor) throw new AppError(401, 'INVALID_TOKEN', 'API 토큰이 올바르지 않거나 폐기되었습니다.', 'Invalid or revoked API token.');
      return;
    }
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) request.actor = await resolveSession(opts.db, sid);
  });

  // Every state-changing request from a browser carries the CSRF token: a form field or a header.
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (request.actor?.via === 'token') return; // bearer tokens are not sent by browsers on their own
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'];
    const expected = request.actor?.csrf ?? request.cookies[PRE_CSRF_COOKIE];
    if (typeof sent !== 'string' || !expected || !safeEqual(sent, expected)) throw csrfError();
  });
}

export const authentication = fp(authPlugin, { name: 'authentication' });

/** Requires a signed-in actor (with one of `roles`); HTML requests are sent to the login page. */
export function requireActor(request: FastifyRequest, roles?: Role[]): Actor {
  const actor = request.actor;
  if (!actor) {
    throw new AppError(401, 'LOGIN_REQUIRED', '로그인이 필요합니다.', 'Please sign in.');
  }
  if (roles && !roles.includes(actor.role)) {
    throw new AppError(403, 'FORBIDDEN', '이 작업을 할 권한이 없습니다.', 'You are not allowed to do this.');
  }
  return actor;
}
