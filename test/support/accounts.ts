import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/types.ts';
import { createAccount } from '../../src/features/accounts/accounts.service.ts';
import type { Role } from '../../src/features/accounts/actor.ts';

export const PASSWORD = 'correct horse battery staple';

export async function anAccount(db: Kysely<DB>, role: Role, body?: string, email?: string) {
  const address = email ?? `${role}-${body ?? 'x'}-${Math.random().toString(36).slice(2, 8)}@example.go.kr`;
  const id = await createAccount(db, null, { email: address, name: `${role} ${body ?? ''}`.trim(), role, body, password: PASSWORD }, null);
  return { id, email: address };
}

function cookiesOf(res: { cookies: { name: string; value: string }[] }, jar: Record<string, string>) {
  for (const c of res.cookies) jar[c.name] = c.value;
  return jar;
}

export const cookieHeader = (jar: Record<string, string>) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field in page');
  return m[1];
}

/** A browser-like session: cookie jar, CSRF token, and helpers for GET and form POST. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD) {
  const jar: Record<string, string> = {};
  const page = await app.inject({ url: '/office/login', headers: { accept: 'text/html' } });
  cookiesOf(page, jar);
  const res = await app.inject({
    method: 'POST', url: '/office/login', headers: { accept: 'text/html', cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: csrfFrom(page.body), next: '/office' }).toString(),
  });
  cookiesOf(res, jar);
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const dash = await app.inject({ url: '/office', headers: { accept: 'text/html', cookie: cookieHeader(jar) } });
  const session = {
    jar,
    csrf: csrfFrom(dash.body),
    get: (url: string) => app.inject({ url, headers: { accept: 'text/html', cookie: cookieHeader(jar) } }),
    post: (url: string, form: Record<string, string | string[]>, opts: { csrf?: string | null } = {}) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
      if (opts.csrf !== null) params.set('_csrf', opts.csrf ?? session.csrf);
      return app.inject({ method: 'POST', url, headers: { accept: 'text/html', cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
    },
  };
  return session;
}

/** Turns a disclosure into the editor's form fields (the inverse of formToDisclosure, for tests). */
export function disclosureForm(d: any): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const walk = (o: any, prefix: string) => {
    for (const [k, v] of Object.entries(o ?? {})) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (p === 'data.datasets' || p === 'outcomes') continue;
      if (Array.isArray(v)) out[p] = v.map(String);
      else if (v && typeof v === 'object') walk(v, p);
      else if (v !== undefined) out[p] = String(v);
    }
  };
  walk(d, '');
  (d.data?.datasets ?? []).forEach((s: any, i: number) => {
    out[`data.datasets.${i}.name`] = s.name; out[`data.datasets.${i}.sourceBody`] = s.sourceBody ?? ''; out[`data.datasets.${i}.kind`] = s.kind; out[`data.datasets.${i}.personal`] = String(s.personal);
  });
  (d.outcomes ?? []).forEach((o: any, i: number) => {
    out[`outcomes.${i}.name`] = o.name.ko; out[`outcomes.${i}.nameEn`] = o.name.en ?? ''; out[`outcomes.${i}.unit`] = o.unit ?? ''; out[`outcomes.${i}.values`] = o.values.map((v: any) => `${v.date},${v.value}`).join('\n');
  });
  return out;
}
