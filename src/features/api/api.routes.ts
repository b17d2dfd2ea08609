import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PageCache } from '../../platform/http/page-cache.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendCached } from '../../platform/http/etag.ts';
import { audit } from '../audit/audit.repository.ts';
import { listBodiesWithCounts } from '../bodies/bodies.repository.ts';
import { CODE_LISTS } from '../disclosure/disclosure.fields.ts';
import { csvExport, jsonExport, xlsxExport } from '../exports/exports.ts';
import { parseServiceFilter } from '../services/services.filter.ts';
import { presentService, presentSummary } from '../services/services.presenter.ts';
import * as repo from '../services/services.repository.ts';
import { facetCounts, listServices } from '../services/services.search.ts';
import { openApiDocument } from './openapi.ts';
import { statisticsByYear } from '../statistics/statistics.repository.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export async function apiRoutes(app: FastifyInstance, opts: { db: Kysely<DB>; pages: PageCache }) {
  const { db, pages } = opts;
  const json = (request: any, reply: any, value: unknown) => sendCached(request, reply, JSON.stringify(value), JSON_TYPE);
  /** A JSON document kept per registry generation for anonymous readers (see page-cache.ts). */
  const kept = (request: FastifyRequest, reply: FastifyReply, make: () => Promise<unknown>) => pages.send(request, reply, JSON_TYPE, async () => JSON.stringify(await make()));

  app.get('/api/v1/openapi.json', async (request, reply) => json(request, reply, openApiDocument()));

  app.get('/api/v1/services', async (request, reply) => {
    // parsed when the answer is made: a kept answer was made from a valid query (a 400 is never kept)
    return kept(request, reply, async () => {
      const filter = parseServiceFilter(request.query);
      const result = await listServices(db, filter);
      return { items: result.items.map(presentSummary), total: result.total, page: filter.page, pageSize: filter.pageSize, facets: result.facets };
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/services/:id', async (request, reply) => {
    if (!/^GG-\d{4}-\d{4,}$/.test(request.params.id)) throw notFound();
    return kept(request, reply, async () => {
      const record = await repo.findPublishedService(db, request.params.id);
      if (!record) throw notFound();
      return presentService(record);
    });
  });

  app.get<{ Params: { id: string } }>('/api/v1/services/:id/versions', async (request, reply) => {
    if (!/^GG-\d{4}-\d{4,}$/.test(request.params.id)) throw notFound();
    const record = await repo.findPublishedService(db, request.params.id);
    if (!record) throw notFound();
    const versions = await repo.listVersions(db, record.serviceId);
    return json(request, reply, { id: record.publicId, items: versions.map((v) => ({ version: v.versionNo, publishedAt: v.publishedAt.toISOString(), changeReason: v.changeReason })) });
  });

  app.get('/api/v1/bodies', async (request, reply) => {
    return kept(request, reply, async () => {
      const bodies = await listBodiesWithCounts(db);
      return { items: bodies.map((b) => ({ code: b.code, kind: b.kind, name: { ko: b.nameKo, en: b.nameEn }, parent: b.parentCode, services: b.services })) };
    });
  });

  app.get('/api/v1/statistics', async (request, reply) => {
    return kept(request, reply, async () => {
      const [facets, totals, perYear, overTime] = await Promise.all([facetCounts(db, parseServiceFilter({})), repo.registryTotals(db), repo.servicesPerYear(db), statisticsByYear(db)]);
      return { totals, byField: facets.field, byBodyKind: facets.bodyKind, byTechnology: facets.tech, byStatus: facets.status, personalData: facets.personal, highImpact: facets.highImpact, generative: facets.generative, byStartYear: perYear, overTime };
    });
  });

  app.get('/api/v1/codes', async (request, reply) => json(request, reply, CODE_LISTS));

  const stamp = () => new Date().toISOString().slice(0, 10);
  // Bulk downloads by a signed-in administrator are audited; anonymous open-data downloads are not.
  const auditAdminExport = async (request: FastifyRequest, format: 'csv' | 'json' | 'xlsx') => {
    if (request.actor?.role === 'admin') await audit(db, { action: `export.${format}`, actorId: request.actor.id, ip: request.ip });
  };
  app.get('/api/v1/export.csv', async (request, reply) => {
    await auditAdminExport(request, 'csv');
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="gg-ai-registry-${stamp()}.csv"`).send(csvExport(db));
  });
  app.get('/api/v1/export.json', async (request, reply) => {
    await auditAdminExport(request, 'json');
    return reply.type(JSON_TYPE).header('Content-Disposition', `attachment; filename="gg-ai-registry-${stamp()}.json"`).send(jsonExport(db));
  });
  app.get('/api/v1/export.xlsx', async (request, reply) => {
    await auditAdminExport(request, 'xlsx');
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('Content-Disposition', `attachment; filename="gg-ai-registry-${stamp()}.xlsx"`).send(xlsxExport(db));
  });
}
