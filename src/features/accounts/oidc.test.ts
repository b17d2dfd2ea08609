import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { sql } from 'kysely';
import { anAccount } from '../../../test/support/accounts.ts';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/database.ts';
import { buildApp } from '../../app.tsx';

// A minimal OpenID provider on loopback: discovery, JWKS, and a token endpoint that signs ID tokens.
let idp: FastifyInstance;
let issuer: string;
let database: Database;
let app: FastifyInstance;
const codes = new Map<string, { sub: string; email: string; nonce: string; verifier?: string; wrongKey?: boolean }>();

before(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  idp = Fastify();
  idp.register(import('@fastify/formbody'));
  idp.get('/.well-known/openid-configuration', async () => ({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
  idp.get('/jwks', async () => ({ keys: [jwk] }));
  idp.post<{ Body: Record<string, string> }>('/token', async (request, reply) => {
    const grant = codes.get(request.body.code);
    if (!grant || !request.headers.authorization?.startsWith('Basic ')) return reply.status(400).send({ error: 'invalid_grant' });
    const id_token = await new SignJWT({ email: grant.email, email_verified: true, nonce: grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience('registry').setSubject(grant.sub).setIssuedAt().setExpirationTime('5m')
      .sign(grant.wrongKey ? other.privateKey : privateKey);
    return { access_token: 'x', token_type: 'Bearer', id_token };
  });
  await idp.listen({ port: 0, host: '127.0.0.1' });
  issuer = `http://127.0.0.1:${(idp.server.address() as any).port}`;
  database = await testDatabase({ demo: false });
  app = await buildApp({ db: database.db, oidc: { issuer, clientId: 'registry', clientSecret: 's3cret', redirectUri: 'http://localhost/office/login/oidc/callback' } });
});
after(async () => { await app.close(); await idp.close(); await database.close(); });

async function ssoLogin(email: string, sub: string, opts: { wrongKey?: boolean; tamperState?: boolean; nonce?: string } = {}) {
  const start = await app.inject('/office/login/oidc?next=/office');
  assert.equal(start.statusCode, 303);
  const location = new URL(start.headers.location as string);
  assert.equal(location.origin, issuer);
  assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
  const cookie = start.cookies.find((c) => c.name === 'oidc')!;
  const code = 'code-' + Math.random();
  codes.set(code, { sub, email, nonce: opts.nonce ?? location.searchParams.get('nonce')!, wrongKey: opts.wrongKey });
  const state = opts.tamperState ? 'forged' : location.searchParams.get('state')!;
  return app.inject({ url: `/office/login/oidc/callback?code=${code}&state=${state}`, headers: { accept: 'text/html', cookie: `oidc=${encodeURIComponent(cookie.value)}` } });
}

test('the login page offers SSO when it is configured', async () => {
  const page = await app.inject({ url: '/office/login', headers: { accept: 'text/html' } });
  assert.match(page.body, /href="\/office\/login\/oidc"/);
});

test('SSO signs in an existing account by verified email and links its subject', async () => {
  const acct = await anAccount(database.db, 'reviewer', undefined, 'sso.reviewer@example.go.kr');
  const res = await ssoLogin(acct.email, 'gov-sso-123');
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  assert.equal(res.headers.location, '/office');
  const sid = res.cookies.find((c) => c.name === 'sid')!;
  const dash = await app.inject({ url: '/office', headers: { accept: 'text/html', cookie: `sid=${sid.value}` } });
  assert.equal(dash.statusCode, 200);
  const linked = await sql<{ oidc_subject: string }>`select oidc_subject from accounts where id = ${acct.id}`.execute(database.db);
  assert.equal(linked.rows[0].oidc_subject, 'gov-sso-123');
  // Later logins go by subject even if the email changed at the provider.
  assert.equal((await ssoLogin('renamed@example.go.kr', 'gov-sso-123')).statusCode, 303);
});

test('forged state, wrong signature, wrong nonce and unknown people are refused', async () => {
  await anAccount(database.db, 'officer', '41110', 'sso.officer@example.go.kr');
  assert.equal((await ssoLogin('sso.officer@example.go.kr', 'sub-2', { tamperState: true })).statusCode, 401);
  assert.equal((await ssoLogin('sso.officer@example.go.kr', 'sub-2', { wrongKey: true })).statusCode, 401);
  assert.equal((await ssoLogin('sso.officer@example.go.kr', 'sub-2', { nonce: 'other' })).statusCode, 401);
  const stranger = await ssoLogin('nobody@example.go.kr', 'sub-3');
  assert.equal(stranger.statusCode, 403);
  assert.match(stranger.body, /계정이 없거나/);
  const failures = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'login.failure'`.execute(database.db);
  assert.ok(failures.rows[0].n >= 1);
});
