import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError } from '../../platform/http/errors.ts';
import { cookieOptions, SESSION_COOKIE } from '../../platform/auth/auth.plugin.ts';
import { newSecret } from '../../platform/auth/secrets.ts';
import { audit } from '../audit/audit.repository.ts';
import { SESSION_HOURS, startSession } from './accounts.service.ts';
import { safeNext } from './accounts.routes.tsx';

/** OpenID Connect login for a government SSO: authorization code flow with PKCE, state and nonce. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string; // https://registry.example/office/login/oidc/callback
}

export function oidcConfigFromEnv(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'].filter((k) => !env[k]);
  if (missing.length) throw new Error(`OIDC_ISSUER is set but ${missing.join(', ')} missing`);
  return { issuer: env.OIDC_ISSUER.replace(/\/$/, ''), clientId: env.OIDC_CLIENT_ID!, clientSecret: env.OIDC_CLIENT_SECRET!, redirectUri: env.OIDC_REDIRECT_URI! };
}

interface Discovery { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string }

const STATE_COOKIE = 'oidc';
const ssoFailed = (why: string) => new AppError(401, 'SSO_FAILED', `통합인증 로그인에 실패했습니다 (${why}). 다시 시도하거나 비밀번호로 로그인하십시오.`, `SSO sign-in failed (${why}).`);

export async function oidcRoutes(app: FastifyInstance, opts: { db: Kysely<DB>; oidc: OidcConfig }) {
  const { db, oidc } = opts;
  let discovery: Promise<{ meta: Discovery; jwks: JWTVerifyGetKey }> | undefined;
  const discover = () => {
    discovery ??= (async () => {
      const res = await fetch(`${oidc.issuer}/.well-known/openid-configuration`);
      if (!res.ok) throw new Error(`OIDC discovery failed: ${res.status}`);
      const meta = (await res.json()) as Discovery;
      if (meta.issuer.replace(/\/$/, '') !== oidc.issuer) throw new Error('OIDC discovery: issuer mismatch');
      return { meta, jwks: createRemoteJWKSet(new URL(meta.jwks_uri)) };
    })().catch((error) => { discovery = undefined; throw error; });
    return discovery;
  };

  app.get<{ Querystring: { next?: string } }>('/office/login/oidc', async (request, reply) => {
    const { meta } = await discover();
    const state = newSecret();
    const nonce = newSecret();
    const verifier = newSecret();
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    reply.setCookie(STATE_COOKIE, [state, nonce, verifier, safeNext(request.query.next)].join(' '), { ...cookieOptions(request, 600), path: '/office/login/oidc' });
    const url = new URL(meta.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code', client_id: oidc.clientId, redirect_uri: oidc.redirectUri, scope: 'openid email profile',
      state, nonce, code_challenge: challenge, code_challenge_method: 'S256',
    }).toString();
    return reply.redirect(url.toString(), 303);
  });

  app.get<{ Querystring: { code?: string; state?: string; error?: string } }>('/office/login/oidc/callback', async (request, reply) => {
    const [state, nonce, verifier, next] = (request.cookies[STATE_COOKIE] ?? '').split(' ');
    reply.clearCookie(STATE_COOKIE, { path: '/office/login/oidc' });
    if (request.query.error) throw ssoFailed(String(request.query.error).slice(0, 60));
    if (!state || !request.query.state || request.query.state !== state || !request.query.code) throw ssoFailed('state');
    const { meta, jwks } = await discover();
    const tokenRes = await fetch(meta.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(oidc.clientId)}:${encodeURIComponent(oidc.clientSecret)}`).toString('base64') },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: request.query.code, redirect_uri: oidc.redirectUri, code_verifier: verifier }).toString(),
    });
    if (!tokenRes.ok) throw ssoFailed('token');
    const { id_token: idToken } = (await tokenRes.json()) as { id_token?: string };
    if (!idToken) throw ssoFailed('id_token');
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(idToken, jwks, { issuer: meta.issuer, audience: oidc.clientId, maxTokenAge: '10 min' }));
    } catch {
      throw ssoFailed('signature');
    }
    if (claims.nonce !== nonce) throw ssoFailed('nonce');
    const subject = String(claims.sub);
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.toLowerCase() : undefined;
    // Accounts are created by administrators; SSO links to one by subject, or on first use by verified email.
    let account = await db.selectFrom('accounts').where('oidc_subject', '=', subject).select(['id', 'disabled', 'body_id']).executeTakeFirst();
    if (!account && email) {
      account = await db.selectFrom('accounts').where('email', '=', email).where('oidc_subject', 'is', null).select(['id', 'disabled', 'body_id']).executeTakeFirst();
      if (account) await db.updateTable('accounts').set({ oidc_subject: subject }).where('id', '=', account.id).execute();
    }
    if (!account || account.disabled) {
      await audit(db, { action: 'login.failure', actorLabel: email ?? subject, ip: request.ip, details: { via: 'oidc', reason: account ? 'disabled' : 'no_account' } });
      throw new AppError(403, 'NO_ACCOUNT', '등록부 계정이 없거나 비활성화되었습니다. 관리자에게 계정을 요청하십시오.', 'No active registry account; ask an administrator.');
    }
    const session = await db.transaction().execute(async (trx) => {
      const s = await startSession(trx as unknown as Kysely<DB>, account!.id, request.ip, request.headers['user-agent'] ?? null);
      await audit(trx, { action: 'login.success', actorId: account!.id, bodyId: account!.body_id, ip: request.ip, details: { via: 'oidc' } });
      return s;
    });
    reply.setCookie(SESSION_COOKIE, session.id, cookieOptions(request, SESSION_HOURS * 3600));
    return reply.redirect(safeNext(next), 303);
  });
}
