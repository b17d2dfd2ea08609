import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function etagOf(body: string | Buffer): string {
  return '"' + createHash('sha1').update(body).digest('base64url') + '"';
}

/**
 * Sends a public, cacheable body with a strong ETag; answers 304 when the client has it already.
 * Public reads are cheap to revalidate: max-age is short so changes appear within a minute.
 */
export function sendCached(request: FastifyRequest, reply: FastifyReply, body: string | Buffer, contentType: string, etag = etagOf(body), encoding?: 'gzip') {
  reply.header('ETag', etag).header('Cache-Control', 'public, max-age=60').header('Vary', 'Accept, Accept-Encoding, Cookie');
  if (encoding) reply.header('Content-Encoding', encoding);
  const inm = request.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === 'W/' + etag)) {
    return reply.status(304).send();
  }
  return reply.type(contentType).send(body);
}
