/**
 * Export in every format: the whole registry (streamed page by page), one published service, or a
 * body's open drafts (e.g. to check an import round trip). The registry's own formats (gg JSON,
 * CSV, xlsx) reuse the existing exports; the other standards go through their mappings.
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AI_ACT_DOMAINS, AI_ACT_EFFECTS } from '../disclosure/codes.ts';
import { classify } from '../disclosure/classification.ts';
import { csvExport, gyeonggiWorkbook, jsonExport, xlsxExport } from '../exports/exports.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { presentService } from '../services/services.presenter.ts';
import { findPublishedService, streamPublishedServices, type ServiceRecord } from '../services/services.repository.ts';
import { csvHeader, csvRecord, FORMATS, nestRecord, type Format, type FormatId } from './formats.ts';
import { exportFields, type RecordContext } from './mapping.ts';
import { streamOpenDrafts, type DraftForExport } from './standards.repository.ts';

/** Classification only when the AI Framework Act items are complete (drafts may not be). */
function classified(d: any): Pick<RecordContext, 'highImpact' | 'reasons'> {
  const a = d?.aiAct;
  if (!a || !(a.domain in AI_ACT_DOMAINS) || !(a.effect in AI_ACT_EFFECTS) || typeof a.humanInFinalDecision !== 'boolean') return {};
  const c = classify({ aiAct: { ...a, generative: !!a.generative } });
  return { highImpact: c.highImpact, reasons: c.reasons };
}

export function serviceContext(r: ServiceRecord): RecordContext {
  return {
    publicId: r.publicId, bodyCode: r.bodyCode, bodyName: { ko: r.bodyNameKo, en: r.bodyNameEn }, url: `/services/${r.publicId}`,
    version: r.versionNo, publishedAt: r.publishedAt.toISOString(), isExample: r.isExample, ...classified(r.disclosure),
  };
}

const draftContext = (r: DraftForExport): RecordContext => ({ bodyCode: r.bodyCode, bodyName: { ko: r.bodyNameKo, en: r.bodyNameEn }, ...classified(r.disclosure) });

/** One record in a format's terms: field key → value. */
export function toFormat(format: Format, disclosure: unknown, ctx: RecordContext): Record<string, unknown> {
  return exportFields(format.mapping!, disclosure, ctx, format.id);
}

const jsonHead = (format: Format) => {
  const m = format.mapping;
  return `{"standard":${JSON.stringify(m?.title ?? 'gg-1.0')},"format":${JSON.stringify(format.id)},"version":${JSON.stringify(m?.version ?? 'gg-1.0')},`
    + `"generatedAt":${JSON.stringify(new Date().toISOString())},"generator":"Gyeonggi Public AI Registry (경기도 공공부문 AI 등록부)","items":[`;
};

type Item = { disclosure: unknown; ctx: RecordContext; gg: () => unknown };

/** Streams records of any source (published pages or draft pages) in a format. */
function streamItems(format: Format, pages: () => AsyncGenerator<Item[]>): Readable {
  if (format.fileType === 'xlsx') return xlsxStream(pages);
  const m = format.mapping;
  return Readable.from((async function* () {
    if (format.fileType === 'csv') {
      yield csvHeader(m!);
      for await (const page of pages()) yield page.map((i) => csvRecord(m!, toFormat(format, i.disclosure, i.ctx))).join('');
      return;
    }
    yield jsonHead(format);
    let first = true;
    for await (const page of pages()) {
      let chunk = '';
      for (const i of page) {
        chunk += (first ? '' : ',\n') + JSON.stringify(m ? nestRecord(m, toFormat(format, i.disclosure, i.ctx)) : i.gg());
        first = false;
      }
      yield chunk;
    }
    yield ']}\n';
  })());
}

function xlsxStream(pages: () => AsyncGenerator<Item[]>): Readable {
  return gyeonggiWorkbook((async function* () {
    for await (const page of pages()) yield page.map((i) => toFormat(FORMATS.xlsx, i.disclosure, i.ctx) as Record<string, unknown>);
  })());
}

const publishedItems = (db: Kysely<DB>) => async function* () {
  for await (const page of streamPublishedServices(db)) {
    yield page.map((r): Item => ({ disclosure: r.disclosure, ctx: serviceContext(r), gg: () => presentService(r) }));
  }
};

/** The whole registry (published services) in a format, streamed. */
export function exportRegistry(db: Kysely<DB>, id: FormatId): Readable {
  if (id === 'csv') return csvExport(db);
  if (id === 'gg') return jsonExport(db);
  if (id === 'xlsx') return xlsxExport(db);
  return streamItems(FORMATS[id], publishedItems(db));
}

/** One published service in a format; undefined when there is no such service. */
export async function exportService(db: Kysely<DB>, publicId: string, id: FormatId): Promise<Buffer | string | undefined> {
  const r = await findPublishedService(db, publicId);
  if (!r) return undefined;
  const format = FORMATS[id];
  const item: Item = { disclosure: r.disclosure, ctx: serviceContext(r), gg: () => presentService(r) };
  if (format.fileType === 'json') return JSON.stringify(format.mapping ? nestRecord(format.mapping, toFormat(format, r.disclosure, item.ctx)) : item.gg(), null, 2) + '\n';
  const stream = streamItems(format, async function* () { yield [item]; });
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return format.fileType === 'csv' ? Buffer.concat(chunks).toString('utf8') : Buffer.concat(chunks);
}

/** A body's open drafts in a format (import → export round trips; review of an import). */
export async function exportDrafts(db: Kysely<DB>, bodyCode: string, id: FormatId): Promise<Readable | undefined> {
  const body = await findBodyByCode(db, bodyCode);
  if (!body) return undefined;
  return streamItems(FORMATS[id], async function* () {
    for await (const page of streamOpenDrafts(db, body.id)) {
      yield page.map((r): Item => ({ disclosure: r.disclosure, ctx: draftContext(r), gg: () => ({ draftId: r.id, body: { code: r.bodyCode }, disclosure: r.disclosure }) }));
    }
  });
}
