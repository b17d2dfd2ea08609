import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { KeptByGeneration } from '../cache/kept.ts';
import { etagOf, sendCached } from './etag.ts';

interface Entry { key: string; body: Buffer; etag: string; type: string; gzip?: Buffer }

export interface PageCache {
  /**
   * Sends the page `render` makes, or the same page made earlier in the current registry
   * generation. Only anonymous GET requests share pages (keyed by URL and language); signed-in
   * users always get a freshly made one.
   */
  send(request: FastifyRequest, reply: FastifyReply, type: string, render: () => Promise<string> | string): Promise<FastifyReply>;
  readonly stats: { hits: number; misses: number; entries: number; bytes: number };
}

/**
 * Whole public pages kept per registry generation (a counter every change to published data
 * increments in the same transaction, see migration 005). The generation is read before the page
 * is made, so a kept page is never older than its generation, and any change makes every kept
 * page unusable at once: pages are never stale, only recomputed. Bounded by bytes, least recently
 * used first out; concurrent requests for a missing page share one rendering.
 */
export function pageCache(generation: () => Promise<string>, maxBytes = 64 * 1024 * 1024): PageCache {
  const kept = new KeptByGeneration<Entry>(maxBytes, (e) => e.body.length + e.key.length);
  let hits = 0, misses = 0;

  /** A kept page, compressed once (on first demand) for clients that accept gzip, as browsers do. */
  const sendEntry = (request: FastifyRequest, reply: FastifyReply, e: Entry) => {
    if (e.body.length >= 1024 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      if (!e.gzip) {
        e.gzip = gzipSync(e.body);
        kept.grew(e.key, e, e.gzip.length);
      }
      return sendCached(request, reply, e.gzip, e.type, e.etag.slice(0, -1) + '-gz"', 'gzip');
    }
    return sendCached(request, reply, e.body, e.type, e.etag);
  };

  return {
    get stats() {
      return { hits, misses, entries: kept.size, bytes: kept.bytes };
    },
    async send(request, reply, type, render) {
      if (request.method !== 'GET' || request.actor) {
        return sendCached(request, reply, await render(), type);
      }
      const key = request.lang + ' ' + request.url;
      const gen = await generation();
      const have = kept.get(key, gen);
      if (have) {
        hits++;
        return sendEntry(request, reply, have);
      }
      misses++;
      const e = await kept.make(key, gen, async () => {
        const body = Buffer.from(await render()); // encoded once, sent as is
        return { value: { key, body, etag: etagOf(body), type }, gen };
      });
      return sendEntry(request, reply, e);
    },
  };
}
