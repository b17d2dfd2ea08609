import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { csrfToken, requireActor } from '../../platform/auth/auth.plugin.ts';
import { audit } from '../audit/audit.repository.ts';
import { reviewStatus } from '../surveys/reviews.repository.ts';
import { surveyConfigFromEnv } from '../surveys/surveys.config.ts';
import { bodyOverview } from './overview.repository.ts';
import { OVERVIEW_COLUMNS, OverviewPage, type OverviewRow } from './views/overview.tsx';

const seoulToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

async function overviewRows(db: Kysely<DB>): Promise<OverviewRow[]> {
  const today = seoulToday();
  const [rows, overdue] = await Promise.all([bodyOverview(db, today), reviewStatus(db, { today, months: surveyConfigFromEnv().reviewMonths, overdueOnly: true })]);
  const perBody = new Map<string, number>();
  for (const r of overdue) perBody.set(r.bodyCode, (perBody.get(r.bodyCode) ?? 0) + 1);
  return rows.map((r) => ({ ...r, overdueReviews: perBody.get(r.code) ?? 0 }));
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The administrator's overview: who has answered, whose records are overdue, what is unanswered. */
export async function overviewRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;
  app.get<{ Querystring: { attention?: string } }>('/office/admin/overview', async (request, reply) => {
    const actor = requireActor(request, ['admin', 'reviewer']);
    const rows = await overviewRows(db);
    return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8')
      .send(await (<OverviewPage lang={request.lang} actor={actor} csrf={csrfToken(request, reply)} rows={rows} onlyAttention={request.query.attention === '1'} />));
  });

  app.get('/office/admin/overview.csv', async (request, reply) => {
    const actor = requireActor(request, ['admin', 'reviewer']);
    const rows = await overviewRows(db);
    await audit(db, { action: 'export.overview', actorId: actor.id, ip: request.ip, details: { rows: rows.length } });
    const csv = '\uFEFF' + [OVERVIEW_COLUMNS.map((c) => cell(c.ko)).join(','), ...rows.map((r) => OVERVIEW_COLUMNS.map((c) => cell(r[c.key])).join(','))].join('\r\n') + '\r\n';
    return reply.header('Cache-Control', 'no-store').header('Content-Disposition', `attachment; filename="overview-${seoulToday()}.csv"`).type('text/csv; charset=utf-8').send(csv);
  });
}
