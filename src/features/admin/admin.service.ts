import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/db/types.ts';
import { AppError, problemsFromZod, type FieldProblem } from '../../platform/http/errors.ts';
import { findAccountById, resetFailedLogins } from '../accounts/accounts.repository.ts';
import type { Actor } from '../accounts/actor.ts';
import { audit, listAudit, type AuditFilter } from '../audit/audit.repository.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { kst } from '../accounts/views/fields.tsx';
import { csvCell } from '../../platform/csv/csv-cell.ts';

export const accountNotFound = () => new AppError(404, 'NOT_FOUND', '계정을 찾을 수 없습니다.', 'Account not found.');

/** Ends a lock after repeated login failures (the failure count starts again at zero). */
export async function unlockAccount(db: Kysely<DB>, admin: Actor, id: number, ip: string | null) {
  const account = await findAccountById(db, id);
  if (!account) throw accountNotFound();
  await db.transaction().execute(async (trx) => {
    await resetFailedLogins(trx, id);
    await audit(trx, { action: 'account.unlock', actorId: admin.id, entity: 'account', entityId: id, bodyId: account.bodyId, ip, details: { failedLogins: account.failedLogins } });
  });
}

// ---- audit log search ----

export const AUDIT_PAGE_SIZE = 50;

const optional = (schema: z.ZodType<string>) => z.union([z.literal(''), schema]).optional();
const auditQuerySchema = z.object({
  action: optional(z.string().trim().max(100).regex(/^[A-Za-z0-9_.-]+$/)),
  actor: optional(z.string().trim().max(200)),
  body: optional(z.string().trim().max(40)),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  page: z.union([z.literal(''), z.coerce.number().int().min(1).max(1_000_000)]).optional(),
});

const AUDIT_LABELS: Record<string, { ko: string; en: string }> = {
  action: { ko: '작업 (앞부분)', en: 'Action (prefix)' }, actor: { ko: '행위자 전자우편', en: 'Actor email' }, body: { ko: '기관코드', en: 'Body code' },
  from: { ko: '시작일', en: 'From' }, to: { ko: '종료일', en: 'To' }, page: { ko: '페이지', en: 'Page' },
};

export interface AuditQuery {
  values: { action: string; actor: string; body: string; from: string; to: string };
  filter: AuditFilter;
  problems: FieldProblem[];
}

/** Reads the filter form. Dates are Korean calendar days (KST): `to` includes the whole day. */
export async function parseAuditQuery(db: Kysely<DB>, query: unknown): Promise<AuditQuery> {
  const raw = (query ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 300) : '');
  const values = { action: str('action').trim(), actor: str('actor').trim(), body: str('body').trim(), from: str('from').trim(), to: str('to').trim() };
  const parsed = auditQuerySchema.safeParse({ ...values, page: str('page') });
  const problems = parsed.success ? [] : problemsFromZod(parsed.error, (p) => AUDIT_LABELS[p]);
  const page = parsed.success && typeof parsed.data.page === 'number' ? parsed.data.page : 1;
  const filter: AuditFilter = { page, pageSize: AUDIT_PAGE_SIZE };
  const valid = (k: keyof typeof values) => values[k] !== '' && !problems.some((p) => p.field === k);
  if (valid('action')) filter.action = values.action;
  if (valid('actor')) filter.actor = values.actor;
  if (valid('from')) filter.from = `${values.from}T00:00:00+09:00`;
  if (valid('to')) filter.to = `${values.to}T00:00:00+09:00`;
  if (valid('from') && valid('to') && values.from > values.to) {
    problems.push({ field: 'to', code: 'END_BEFORE_START', message: '「종료일」이 「시작일」보다 앞설 수 없습니다.', messageEn: 'The end date cannot be before the start date.' });
  }
  if (valid('body')) {
    const body = await findBodyByCode(db, values.body);
    if (body) filter.bodyId = body.id;
    else problems.push({ field: 'body', code: 'UNKNOWN_BODY', message: `「기관코드」 ${values.body} 인 기관이 없습니다.`, messageEn: `No body has the code ${values.body}.` });
  }
  return { values, filter, problems };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>['items'][number];

/** Who did it: the account's email, or the label of a non-account actor (typed email, `cli`, `seed`). */
export const actorOf = (r: AuditRow) => r.actorEmail ?? r.actorLabel ?? '';
export const detailsOf = (r: AuditRow) => (r.details === null || r.details === undefined ? '' : typeof r.details === 'string' ? r.details : JSON.stringify(r.details));

const CSV_COLUMNS: [string, (r: AuditRow) => string | number | null | undefined][] = [
  ['id', (r) => r.id],
  ['at_kst', (r) => kst(r.at)],
  ['actor', actorOf],
  ['action', (r) => r.action],
  ['entity', (r) => r.entity],
  ['entity_id', (r) => r.entityId],
  ['body', (r) => r.bodyCode],
  ['ip', (r) => r.ip],
  ['details', detailsOf],
];

/** The filtered log as CSV (UTF-8 with BOM), newest first, read in pages of 1,000. */
export function auditCsv(db: Kysely<DB>, filter: AuditFilter): Readable {
  return Readable.from((async function* () {
    yield '\uFEFF' + CSV_COLUMNS.map((c) => c[0]).join(',') + '\r\n';
    const pageSize = 1000;
    let lastId = Number.POSITIVE_INFINITY;
    for (let page = 1; ; page++) {
      const { items } = await listAudit(db, { ...filter, page, pageSize });
      // Events appended meanwhile shift the pages: rows already written are skipped by id.
      const rows = items.filter((r) => Number(r.id) < lastId);
      if (rows.length) {
        lastId = Number(rows[rows.length - 1].id);
        yield rows.map((r) => CSV_COLUMNS.map(([, value]) => csvCell(value(r))).join(',')).join('\r\n') + '\r\n';
      }
      if (items.length < pageSize) return;
    }
  })());
}
