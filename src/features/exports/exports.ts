import { PassThrough, Readable } from 'node:stream';
import { excel } from '../../platform/excel/excel.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { classify } from '../disclosure/classification.ts';
import { EXPORT_COLUMNS, type ExportRecord } from '../disclosure/disclosure.fields.ts';
import type { Disclosure } from '../disclosure/disclosure.schema.ts';
import { streamPublishedServices, type ServiceRecord } from '../services/services.repository.ts';
import { presentService } from '../services/services.presenter.ts';
import { exportOffThread } from './export-thread.ts';
import { csvCell } from '../../platform/csv/csv-cell.ts';

function toExport(r: ServiceRecord): ExportRecord {
  const disclosure = r.disclosure as Disclosure;
  return {
    publicId: r.publicId, bodyCode: r.bodyCode, bodyName: r.bodyNameKo, version: r.versionNo,
    publishedAt: r.publishedAt.toISOString(), isExample: r.isExample, highImpact: classify(disclosure).highImpact, disclosure,
  };
}

/**
 * At most one page waits in the stream (object mode would buffer sixteen): with the page being
 * written and the one being read, memory stays at about three pages whatever the registry's size.
 */
const STREAMED = { highWaterMark: 1 };
const PAGE = 1000;

/** CSV, UTF-8 with BOM (Excel opens it with Korean intact), one row per service, streamed page by page. */
export function csvExport(db: Kysely<DB>): Readable {
  return exportOffThread(db, 'csv') ?? Readable.from(csvChunks(db), STREAMED);
}

export async function* csvChunks(db: Kysely<DB>): AsyncGenerator<string> {
  yield '\uFEFF' + EXPORT_COLUMNS.map((c) => csvCell(c.key)).join(',') + '\r\n';
  for await (const page of streamPublishedServices(db, PAGE)) {
    let chunk = '';
    for (const r of page) {
      const e = toExport(r);
      chunk += EXPORT_COLUMNS.map((c) => csvCell(c.value(e))).join(',') + '\r\n';
    }
    yield chunk;
  }
}

/** JSON: { schema, generatedAt, items: [full records] }, streamed. */
export function jsonExport(db: Kysely<DB>): Readable {
  return exportOffThread(db, 'json') ?? Readable.from(jsonChunks(db), STREAMED);
}

export async function* jsonChunks(db: Kysely<DB>): AsyncGenerator<string> {
  yield `{"schema":"gg-1.0","generatedAt":${JSON.stringify(new Date().toISOString())},"items":[`;
  let first = true;
  for await (const page of streamPublishedServices(db, PAGE)) {
    let chunk = '';
    for (const r of page) {
      chunk += (first ? '' : ',') + JSON.stringify(presentService(r));
      first = false;
    }
    yield chunk;
  }
  yield ']}';
}

/** XLSX with a data sheet (Korean headers, codes as keys in row 2) and a column guide, streamed. */
export function xlsxExport(db: Kysely<DB>): Readable {
  return gyeonggiWorkbook(pagesOf(db));
}

function pagesOf(db: Kysely<DB>): AsyncIterable<Record<string, unknown>[]> {
  return (async function* () {
    for await (const page of streamPublishedServices(db, PAGE)) {
      yield page.map((r) => {
        const e = toExport(r);
        return Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.key, c.value(e) ?? null]));
      });
    }
  })();
}

/** The Gyeonggi workbook, streamed: rows keyed by EXPORT_COLUMNS keys, plus the column guide sheet. */
export function gyeonggiWorkbook(pages: AsyncIterable<Record<string, unknown>[]>): Readable {
  const out = new PassThrough();
  (async () => {
    const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = wb.addWorksheet('services');
    sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.label.ko, key: c.key, width: 20 }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRow(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.key, c.key]))).commit();
    for await (const page of pages) for (const row of page) sheet.addRow(row).commit();
    sheet.commit();
    const guide = wb.addWorksheet('columns');
    guide.columns = [{ header: 'key', key: 'key', width: 30 }, { header: '항목', key: 'ko', width: 40 }, { header: 'item', key: 'en', width: 40 }];
    for (const c of EXPORT_COLUMNS) guide.addRow({ key: c.key, ko: c.label.ko, en: c.label.en }).commit();
    guide.commit();
    await wb.commit();
  })().catch((error) => out.destroy(error));
  return out;
}
