import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sendCached } from '../../platform/http/etag.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import { listBodies, listBodiesWithCounts, findBodyByCode } from '../bodies/bodies.repository.ts';
import { facetCounts, listServices, searchServices } from '../services/services.search.ts';
import { classify } from '../disclosure/classification.ts';
import type { Disclosure } from '../disclosure/disclosure.schema.ts';
import { parseServiceFilter } from '../services/services.filter.ts';
import * as repo from '../services/services.repository.ts';
import { BodiesPage, BodyPage } from './views/bodies.tsx';
import { ServiceDetail } from './views/detail.tsx';
import { Home } from './views/home.tsx';
import { ServiceList } from './views/list.tsx';
import { StatisticsPage } from './views/statistics.tsx';
import { serviceJsonLd } from './jsonld.ts';
import { statisticsByYear } from '../statistics/statistics.repository.ts';
import { listAnsweredQuestions } from '../questions/questions.repository.ts';

const HTML = 'text/html; charset=utf-8';
const PUBLIC_ID = /^GG-\d{4}-\d{4,}$/;

export async function portalRoutes(app: FastifyInstance, opts: { db: Kysely<DB>; pages: PageCache }) {
  const { db, pages } = opts;

  app.get('/', async (request, reply) => pages.send(request, reply, HTML, async () => {
    const [totals, changes] = await Promise.all([repo.registryTotals(db), repo.recentChanges(db, 8)]);
    return <Home lang={request.lang} totals={totals} changes={changes} />;
  }));

  app.get('/services', async (request, reply) => {
    // parsed when the page is made: a kept page was made from a valid query (a 400 is never kept)
    return pages.send(request, reply, HTML, async () => {
      const filter = parseServiceFilter(request.query);
      const [result, bodies] = await Promise.all([listServices(db, filter), listBodies(db)]);
      return <ServiceList lang={request.lang} filter={filter} items={result.items} total={result.total} facets={result.facets} bodies={bodies} />;
    });
  });

  app.get<{ Params: { id: string } }>('/services/:id', async (request, reply) => {
    const id = request.params.id;
    if (!PUBLIC_ID.test(id)) throw notFound();
    // Kept per generation like the other public pages: answered questions raise it too (migration 009).
    return pages.send(request, reply, HTML, async () => {
      const record = await repo.findPublishedService(db, id);
      if (!record) throw notFound();
      const disclosure = record.disclosure as Disclosure;
      const [versions, questions] = await Promise.all([repo.listVersions(db, record.serviceId), listAnsweredQuestions(db, record.serviceId)]);
      return <ServiceDetail lang={request.lang} record={record} disclosure={disclosure} classification={classify(disclosure)} versions={versions} jsonLd={serviceJsonLd(record, disclosure)} questions={questions} />;
    });
  });

  app.get('/bodies', async (request, reply) => pages.send(request, reply, HTML, async () => <BodiesPage lang={request.lang} bodies={await listBodiesWithCounts(db)} />));

  app.get<{ Params: { code: string }; Querystring: Record<string, string> }>('/bodies/:code', async (request, reply) => {
    const body = /^[A-Za-z0-9-]{1,40}$/.test(request.params.code) ? await findBodyByCode(db, request.params.code) : undefined;
    if (!body) throw notFound();
    const filter = parseServiceFilter({ body: body.code, page: request.query.page, lang: request.query.lang, sort: 'name' });
    return pages.send(request, reply, HTML, async () => {
      const result = await searchServices(db, filter);
      return <BodyPage lang={request.lang} body={body} items={result.items} total={result.total} page={filter.page} pageSize={filter.pageSize} />;
    });
  });

  app.get('/statistics', async (request, reply) => pages.send(request, reply, HTML, async () => {
    const [facets, totals, overTime] = await Promise.all([facetCounts(db, parseServiceFilter({})), repo.registryTotals(db), statisticsByYear(db)]);
    return <StatisticsPage lang={request.lang} total={totals.services} facets={facets} overTime={overTime} />;
  }));
}
