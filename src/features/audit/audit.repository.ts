import { sql } from 'kysely';
import type { Db } from '../services/services.repository.ts';

export interface AuditEvent {
  actorId?: number | null;
  actorLabel?: string | null;
  action: string; // stable, dotted: login.success, login.failure, draft.submit, draft.publish, export.csv ...
  entity?: string;
  entityId?: string | number;
  bodyId?: number | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one event. Call it with the transaction that makes the change, so both land or neither. */
export async function audit(db: Db, e: AuditEvent): Promise<void> {
  await db.insertInto('audit_log').values({
    actor_id: e.actorId ?? null, actor_label: e.actorLabel ?? null, action: e.action, entity: e.entity ?? null,
    entity_id: e.entityId === undefined ? null : String(e.entityId), body_id: e.bodyId ?? null, ip: e.ip ?? null,
    details: e.details ? JSON.stringify(e.details) : null,
  }).execute();
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  bodyId?: number;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log as a').leftJoin('accounts as u', 'u.id', 'a.actor_id').leftJoin('bodies as b', 'b.id', 'a.body_id')
    .select(['a.id', 'a.at', 'a.action', 'a.entity', 'a.entity_id as entityId', 'a.ip', 'a.details', 'a.actor_label as actorLabel', 'u.email as actorEmail', 'b.code as bodyCode',
      sql<number>`count(*) over ()`.as('total')]);
  if (f.action) q = q.where('a.action', 'like', `${f.action}%`);
  if (f.actor) q = q.where((eb) => eb.or([eb('u.email', '=', f.actor!.toLowerCase()), eb('a.actor_label', '=', f.actor!)]));
  if (f.bodyId) q = q.where('a.body_id', '=', f.bodyId);
  if (f.from) q = q.where('a.at', '>=', new Date(f.from));
  if (f.to) q = q.where('a.at', '<', new Date(new Date(f.to).getTime() + 86_400_000));
  const rows = await q.orderBy('a.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows.length ? Number(rows[0].total) : 0 };
}
