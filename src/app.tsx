import path from 'node:path';
import { createRequire } from 'node:module';
import { PROJECT_ROOT, sourcePath } from './platform/paths.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { DB } from './platform/db/types.ts';
import { AppError, installErrorHandling, notFound } from './platform/http/errors.ts';
import { langOf, type Lang } from './platform/i18n/i18n.ts';
import { ErrorPage } from './platform/views/layout.tsx';
import { apiRoutes } from './features/api/api.routes.ts';
import { standardsRoutes } from './features/standards/standards.api.ts';
import { openApiDocument } from './features/api/openapi.ts';
import { DataPage } from './features/api/views/data-page.tsx';
import { portalRoutes } from './features/portal/portal.routes.tsx';
import { changesRoutes } from './features/changes/changes.routes.tsx';
import { sendCached } from './platform/http/etag.ts';
import { pageCache, type PageCache } from './platform/http/page-cache.ts';
import { currentGeneration } from './features/services/generation.ts';
import { authentication } from './platform/auth/auth.plugin.ts';
import { accountRoutes } from './features/accounts/accounts.routes.tsx';
import { myAccountRoutes } from './features/accounts/account.routes.tsx';
import { adminRoutes } from './features/admin/admin.routes.tsx';
import { oidcRoutes, type OidcConfig } from './features/accounts/oidc.ts';
import { draftRoutes } from './features/drafts/drafts.routes.tsx';
import { draftApiRoutes } from './features/drafts/drafts.api.ts';
import { surveyRoutes } from './features/surveys/surveys.routes.tsx';
import { importRoutes } from './features/imports/import.routes.tsx';
import { questionRoutes } from './features/questions/questions.routes.tsx';
import { overviewRoutes } from './features/overview/overview.routes.tsx';
import { catalogRoutes } from './features/catalog/catalog.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
  interface FastifyInstance {
    pages: PageCache;
  }
}

const require = createRequire(path.join(PROJECT_ROOT, 'package.json'));

export interface AppOptions {
  db: Kysely<DB>;
  logger?: boolean | object;
  rateLimit?: { max: number; timeWindow: number };
  oidc?: OidcConfig;
}

/** Plugins in a fixed order, then routes, then 404 and errors. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, trustProxy: true});

  // Security headers (helmet), its middleware made once: @fastify/helmet built a new one, parsing
  // the CSP directives again, for every request (4 % of the server's time on a kept list page).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  app.addHook('onRequest', (request, reply, next) => securityHeaders(request.raw, reply.raw, (error?: unknown) => next(error as Error | undefined)));
  await app.register(cookie);
  await app.register(formbody);
  await app.register(rateLimit, { max: opts.rateLimit?.max ?? 600, timeWindow: opts.rateLimit?.timeWindow ?? 60_000 });

  const krds = path.join(path.dirname(require.resolve('krds-uiux/package.json')), 'resources');
  await app.register(fastifyStatic, { root: krds, prefix: '/krds/', decorateReply: false, maxAge: '7d' });
  // component.css points its icons one folder too deep (../../img/img/...): serve them there too.
  await app.register(fastifyStatic, { root: path.join(krds, 'img'), prefix: '/krds/img/img/', decorateReply: false, maxAge: '7d' });
  await app.register(fastifyStatic, { root: sourcePath('platform/views/assets'), prefix: '/assets/', decorateReply: false, maxAge: '1h' });

  app.decorateRequest('lang', 'ko');
  app.addHook('onRequest', async (request, reply) => {
    request.lang = langOf(request.query, request.cookies.lang);
    const q = (request.query as Record<string, unknown>)?.lang;
    if ((q === 'en' || q === 'ko') && request.cookies.lang !== q) {
      reply.setCookie('lang', q, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
    }
  });

  await app.register(authentication, { db: opts.db });

  installErrorHandling(app, (status, message, lang) => ErrorPage({ status, message, lang }) as string);

  // Whole public pages, kept per registry generation (never stale; see page-cache.ts).
  const pages = pageCache(() => currentGeneration(opts.db));
  app.decorate('pages', pages);
  await app.register(portalRoutes, { db: opts.db, pages });
  await app.register(changesRoutes, { db: opts.db });
  await app.register(apiRoutes, { db: opts.db, pages });
  await app.register(standardsRoutes, { db: opts.db });
  await app.register(accountRoutes, { db: opts.db, oidc: !!opts.oidc });
  await app.register(myAccountRoutes, { db: opts.db });
  await app.register(adminRoutes, { db: opts.db });
  if (opts.oidc) await app.register(oidcRoutes, { db: opts.db, oidc: opts.oidc });
  await app.register(draftRoutes, { db: opts.db });
  await app.register(draftApiRoutes, { db: opts.db });
  await app.register(surveyRoutes, { db: opts.db });
  await app.register(importRoutes, { db: opts.db });
  await app.register(questionRoutes, { db: opts.db });
  await app.register(overviewRoutes, { db: opts.db });
  await app.register(catalogRoutes, { db: opts.db });
  app.get('/data', async (request, reply) => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, any>> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path: p, summary: op.summary, parameters: op.parameters })));
    return sendCached(request, reply, await DataPage({ lang: request.lang, operations }), 'text/html; charset=utf-8');
  });
  app.get('/healthz', async () => ({ ok: true }));

  app.setNotFoundHandler(async () => {
    throw notFound();
  });
  return app;
}

export { AppError };
