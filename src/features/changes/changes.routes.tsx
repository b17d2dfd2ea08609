import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendCached } from '../../platform/http/etag.ts';
import { listBodiesWithCounts } from '../bodies/bodies.repository.ts';
import { classify } from '../disclosure/classification.ts';
import { ServiceDetail } from '../portal/views/detail.tsx';
import { presentService } from '../services/services.presenter.ts';
import { parseChangesQuery, parseDiffQuery, VERSION_PARAM } from './changes.schema.ts';
import * as changes from './changes.service.ts';
import { ChangesPage } from './views/changes.tsx';
import { DiffPage } from './views/diff.tsx';
import { VersionBanner } from './views/version-banner.tsx';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Scheme and host of this request, for the absolute links a feed needs; a malformed Host is not echoed. */
function originOf(request: FastifyRequest): string {
  const host = HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

const versionNo = (n: string) => {
  if (!VERSION_PARAM.test(n)) throw notFound();
  return Number(n);
};

/** Public history: version pages, item-by-item diffs, recent changes, Atom feeds, history export. */
export async function changesRoutes(app: FastifyInstance, opts: { db: Kysely<DB> }) {
  const { db } = opts;

  app.get<{ Params: { id: string; n: string } }>('/services/:id/versions/:n', async (request, reply) => {
    const { record, disclosure, versions } = await changes.showVersion(db, request.params.id, versionNo(request.params.n));
    const lang = request.lang;
    const banner = await (
      <VersionBanner lang={lang} publicId={record.publicId} versionNo={record.versionNo} currentVersionNo={record.currentVersionNo} publishedAt={record.publishedAt} changeReason={record.changeReason} />
    );
    const html = await (
      <ServiceDetail lang={lang} record={record} disclosure={disclosure} classification={classify(disclosure)} versions={versions} jsonLd="" banner={banner} path={`/services/${record.publicId}/versions/${record.versionNo}`} />
    );
    return sendCached(request, reply, html, HTML);
  });

  app.get<{ Params: { id: string } }>('/services/:id/diff', async (request, reply) => {
    const comparison = await changes.compareVersions(db, request.params.id, parseDiffQuery(request.query), request.lang);
    return sendCached(request, reply, await (<DiffPage lang={request.lang} comparison={comparison} />), HTML);
  });

  app.get('/changes', async (request, reply) => {
    const query = parseChangesQuery(request.query);
    const [result, bodies] = await Promise.all([changes.recentChanges(db, query, request.lang), listBodiesWithCounts(db)]);
    return sendCached(request, reply, await (<ChangesPage lang={request.lang} {...result} body={query.body} bodies={bodies} />), HTML);
  });

  // ---- Atom feeds ----
  app.get('/feeds/changes.atom', async (request, reply) =>
    sendCached(request, reply, await changes.changesFeed(db, { kind: 'all' }, originOf(request), request.lang), ATOM));
  app.get<{ Params: { code: string } }>('/feeds/bodies/:code.atom', async (request, reply) =>
    sendCached(request, reply, await changes.changesFeed(db, { kind: 'body', code: request.params.code }, originOf(request), request.lang), ATOM));
  app.get<{ Params: { id: string } }>('/feeds/services/:id.atom', async (request, reply) =>
    sendCached(request, reply, await changes.changesFeed(db, { kind: 'service', publicId: request.params.id }, originOf(request), request.lang), ATOM));

  // ---- open-data API ----
  const json = (request: FastifyRequest, reply: any, value: unknown) => sendCached(request, reply, JSON.stringify(value), JSON_TYPE);

  app.get<{ Params: { id: string; n: string } }>('/api/v1/services/:id/versions/:n', async (request, reply) => {
    const { record } = await changes.showVersion(db, request.params.id, versionNo(request.params.n));
    return json(request, reply, { ...presentService(record), current: record.currentVersionNo, versionUrl: `/services/${record.publicId}/versions/${record.versionNo}` });
  });

  app.get<{ Params: { id: string } }>('/api/v1/services/:id/diff', async (request, reply) => {
    const c = await changes.compareVersions(db, request.params.id, parseDiffQuery(request.query), request.lang);
    const v = (x: changes.VersionSummary) => ({ version: x.versionNo, publishedAt: x.publishedAt.toISOString(), changeReason: x.changeReason });
    return json(request, reply, { id: c.record.publicId, from: v(c.from), to: v(c.to), changed: c.changedCount, items: c.items });
  });

  const stamp = () => new Date().toISOString().slice(0, 10);
  app.get('/api/v1/history.csv', async (_request, reply) =>
    reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="gg-ai-registry-history-${stamp()}.csv"`).send(changes.historyCsv(db)));
  app.get('/api/v1/history.json', async (_request, reply) =>
    reply.type(JSON_TYPE).header('Content-Disposition', `attachment; filename="gg-ai-registry-history-${stamp()}.json"`).send(changes.historyJson(db)));
}
