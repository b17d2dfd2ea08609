import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, sendCached } from './etag.ts';

interface Entry { key: string; gen: string; body: Buffer; etag: string; type: string; bytes: number; gzip?: Buffer }

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
  const entries = new Map<string, Entry>();
  const runs = new Map<string, Promise<Entry>>();
  const stats = { hits: 0, misses: 0, entries: 0, bytes: 0 };

  const store = (key: string, e: Entry) => {
    const old = entries.get(key);
    if (old && BigInt(old.gen) > BigInt(e.gen)) return; // a newer page is kept already
    if (old) { stats.bytes -= old.bytes; entries.delete(key); }
    entries.set(key, e);
    stats.bytes += e.bytes;
    for (const [k, v] of entries) {
      if (stats.bytes <= maxBytes || entries.size <= 1) break;
      entries.delete(k);
      stats.bytes -= v.bytes;
    }
    stats.entries = entries.size;
  };

  /** A kept page, compressed once (on first demand) for clients that accept gzip, as browsers do. */
  const sendEntry = (request: FastifyRequest, reply: FastifyReply, e: Entry) => {
    if (e.body.length >= 1024 && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      if (!e.gzip) {
        e.gzip = gzipSync(e.body);
        if (entries.get(e.key) === e) { e.bytes += e.gzip.length; stats.bytes += e.gzip.length; }
      }
      return sendCached(request, reply, e.gzip, e.type, e.etag.slice(0, -1) + '-gz"', 'gzip');
    }
    return sendCached(request, reply, e.body, e.type, e.etag);
  };

  return {
    stats,
    async send(request, reply, type, render) {
      if (request.method !== 'GET' || request.actor) {
        return sendCached(request, reply, await render(), type);
      }
      const key = request.lang + ' ' + request.url;
      const gen = await generation();
      const have = entries.get(key);
      if (have && have.gen === gen) {
        stats.hits++;
        entries.delete(key);
        entries.set(key, have);
        return sendEntry(request, reply, have);
      }
      stats.misses++;
      const run = gen + ' ' + key;
      let pending = runs.get(run);
      if (!pending) {
        pending = Promise.resolve(render()).then((html) => {
          const body = Buffer.from(html); // encoded once, sent as is
          const e: Entry = { key, gen, body, etag: etagOf(body), type, bytes: body.length + key.length };
          store(key, e);
          return e;
        }).finally(() => runs.delete(run));
        runs.set(run, pending);
      }
      return sendEntry(request, reply, await pending);
    },
  };
}
