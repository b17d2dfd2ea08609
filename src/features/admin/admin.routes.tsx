import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import { findAccountById, listAccounts } from '../accounts/accounts.repository.ts';
import { createAccount, updateAccountByAdmin } from '../accounts/accounts.service.ts';
import type { Actor, Role } from '../accounts/actor.ts';
import { ROLES } from '../accounts/actor.ts';
import { audit, listAudit } from '../audit/audit.repository.ts';
import { listBodiesWithCounts } from '../bodies/bodies.repository.ts';
import { accountNotFound, auditCsv, parseAuditQuery, unlockAccount } from './admin.service.ts';
import { AccountsPage, AdminAccountPage } from './views/accounts.tsx';
import { AuditPage } from './views/audit.tsx';

const HTML = 'text/html; charset=utf-8';
type Form = Record<string, unknown>;
const text = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : '');
const admins = (request: FastifyRequest) => requireActor(request, ['admin']);

function accountId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0 || id > 2_147_483_647) throw accountNotFound();
  return id;
}

function html(reply: FastifyReply, body: string | Promise<string>, status = 200) {
  return reply.status(status).header('Cache-Control', 'no-store').type(HTML).send(body);
}

const DONE: Record<string, { ko: string; en: string }> = {
  created: { ko: '계정을 만들었습니다.', en: 'Account created.' },
  updated: { ko: '역할과 소속 기관을 저장했습니다. 이 계정의 로그인은 모두 끝났습니다.', en: 'Role and body saved; all sessions of the account ended.' },
  disabled: { ko: '계정을 비활성화했습니다. 이 계정의 로그인은 모두 끝났습니다.', en: 'Account disabled; all its sessions ended.' },
  enabled: { ko: '계정을 다시 사용할 수 있게 했습니다.', en: 'Account enabled.' },
  unlocked: { ko: '잠금을 해제했습니다.', en: 'Account unlocked.' },
};
const DONE_AFTER = { disable: 'disabled', enable: 'enabled', unlock: 'unlocked' } as const;
const doneNotice = (request: FastifyRequest, key: unknown) => {
  const d = DONE[String(key ?? '')];
  return d ? { kind: 'ok' as const, text: request.lang === 'en' ? d.en : d.ko } : undefined;
};

/** Administration: accounts and the audit log. Administrators only; everyone else gets 403. */
export async function adminRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;

  const bodies = async () => (await listBodiesWithCounts(db)).map((b) => ({ code: b.code, nameKo: b.nameKo, nameEn: b.nameEn }));

  // ---- accounts ----

  async function renderList(request: FastifyRequest, reply: FastifyReply, admin: Actor, extra: { values?: Record<string, string>; problems?: AppError['problems']; notice?: { kind: 'ok' | 'error'; text: string }; status?: number } = {}) {
    return html(reply, <AccountsPage lang={request.lang} actor={admin} csrf={csrfToken(request, reply)} accounts={await listAccounts(db)} bodies={await bodies()}
      values={extra.values ?? {}} problems={extra.problems ?? []} notice={extra.notice} />, extra.status);
  }

  async function renderAccount(request: FastifyRequest, reply: FastifyReply, admin: Actor, id: number, extra: { values?: { role: string; body: string }; problems?: AppError['problems']; notice?: { kind: 'ok' | 'error'; text: string }; status?: number } = {}) {
    const account = await findAccountById(db, id);
    if (!account) throw accountNotFound();
    const { passwordHash: _secret, ...row } = account;
    return html(reply, <AdminAccountPage lang={request.lang} actor={admin} csrf={csrfToken(request, reply)} account={row} bodies={await bodies()}
      values={extra.values ?? { role: account.role, body: account.bodyCode ?? '' }} problems={extra.problems ?? []} notice={extra.notice} />, extra.status);
  }

  app.get<{ Querystring: { done?: string } }>('/office/admin/accounts', async (request, reply) => {
    const admin = admins(request);
    return renderList(request, reply, admin, { notice: doneNotice(request, request.query.done) });
  });

  app.post<{ Body: Form }>('/office/admin/accounts', async (request, reply) => {
    const admin = admins(request);
    const b = request.body ?? {};
    const values = { email: text(b.email).trim(), name: text(b.name), role: text(b.role, 20), body: text(b.body, 40) };
    try {
      const id = await createAccount(db, admin, { ...values, body: values.body || undefined, password: text(b.password, 1000) }, request.ip);
      return reply.redirect(`/office/admin/accounts/${id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      return renderList(request, reply, admin, { values, problems: error.problems, status: 400 });
    }
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/office/admin/accounts/:id', async (request, reply) => {
    const admin = admins(request);
    return renderAccount(request, reply, admin, accountId(request.params.id), { notice: doneNotice(request, request.query.done) });
  });

  app.post<{ Params: { id: string }; Body: Form }>('/office/admin/accounts/:id', async (request, reply) => {
    const admin = admins(request);
    const id = accountId(request.params.id);
    const values = { role: text(request.body?.role, 20), body: text(request.body?.body, 40) };
    try {
      if (!(values.role in ROLES)) {
        throw validationError([{ field: 'role', code: 'INVALID_VALUE', message: '「역할」을 목록에서 고르십시오.', messageEn: 'Choose a role from the list.' }]);
      }
      await updateAccountByAdmin(db, admin, id, { role: values.role as Role, body: values.body }, request.ip);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      const notice = error.problems.length ? undefined : { kind: 'error' as const, text: request.lang === 'en' ? error.messageEn : error.message };
      return renderAccount(request, reply, admin, id, { values, problems: error.problems, notice, status: 400 });
    }
    return reply.redirect(`/office/admin/accounts/${id}?done=updated`, 303);
  });

  for (const action of ['disable', 'enable', 'unlock'] as const) {
    app.post<{ Params: { id: string } }>(`/office/admin/accounts/:id/${action}`, async (request, reply) => {
      const admin = admins(request);
      const id = accountId(request.params.id);
      try {
        if (action === 'unlock') await unlockAccount(db, admin, id, request.ip);
        else await updateAccountByAdmin(db, admin, id, { disabled: action === 'disable' }, request.ip);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return renderAccount(request, reply, admin, id, { notice: { kind: 'error', text: request.lang === 'en' ? error.messageEn : error.message }, status: 400 });
      }
      return reply.redirect(`/office/admin/accounts/${id}?done=${DONE_AFTER[action]}`, 303);
    });
  }

  // ---- audit log ----

  app.get('/office/admin/audit', async (request, reply) => {
    const admin = admins(request);
    const query = await parseAuditQuery(db, request.query);
    const result = query.problems.length ? { items: [], total: 0 } : await listAudit(db, query.filter);
    return html(reply, <AuditPage lang={request.lang} actor={admin} csrf={csrfToken(request, reply)} query={query} items={result.items} total={result.total} />, query.problems.length ? 400 : 200);
  });

  app.get('/office/admin/audit.csv', async (request, reply) => {
    const admin = admins(request);
    const query = await parseAuditQuery(db, request.query);
    if (query.problems.length) throw validationError(query.problems);
    const { page: _p, pageSize: _s, ...filter } = query.filter;
    // The export is itself an audited event, written before any row leaves the server.
    await audit(db, { action: 'export.audit', actorId: admin.id, ip: request.ip, details: { filter: query.values } });
    const stamp = new Date().toISOString().slice(0, 10);
    return reply.header('Cache-Control', 'no-store').type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="gg-ai-registry-audit-${stamp}.csv"`)
      .send(auditCsv(db, { ...filter, page: 1, pageSize: 1000 }));
  });
}
