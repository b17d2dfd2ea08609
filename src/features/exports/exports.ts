import { PassThrough, Readable } from 'node:stream';
import { setImmediate as turn } from 'node:timers/promises';
import { excel } from '../../platform/excel/excel.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { classify } from '../disclosure/classification.ts';
import { EXPORT_COLUMNS, type ExportRecord } from '../disclosure/disclosure.fields.ts';
import type { Disclosure } from '../disclosure/disclosure.schema.ts';
import { streamPublishedServices, type RecordPage, type ServiceRecord } from '../services/services.repository.ts';
import { presentService } from '../services/services.presenter.ts';
import { exportOffThread, storedLinesRev } from './export-thread.ts';
import { storeExportRows, type ExportRow } from './export-rows.repository.ts';
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
/**
 * Rows formatted between two turns of the event loop. The next page is read while this one is
 * formatted, but its rows only leave the socket when the loop turns: without turns the database
 * stops sending once the socket's buffer is full, and waits for the whole page to be formatted
 * (100k services in one thread: 11.8 s formatted in one go, 9.5 s with a turn every 20 to 50 rows).
 */
const TURN = 25;

/**
 * The parts of a streamed export: a head, one text per record, the separator between records, and
 * a tail. Pages are formatted apart (`formatPage`; in the worker threads of export-thread.ts on
 * PostgreSQL, which send them as UTF-8 bytes) and joined in order (`pageJoiner`).
 */
export interface ExportFormat {
  head(): string;
  row(r: ServiceRecord): string;
  separator: string;
  tail: string;
  /**
   * Lines are stored (migration 011) and sent as stored while the formatting code and the record's
   * inputs are unchanged: a line is a function of one record alone.
   */
  stored?: boolean;
}

export const FORMATS: Record<'csv' | 'json', ExportFormat> = {
  /** CSV, UTF-8 with BOM (Excel opens it with Korean intact), one row per service. */
  csv: {
    head: () => '\uFEFF' + EXPORT_COLUMNS.map((c) => csvCell(c.key)).join(',') + '\r\n',
    row: (r) => {
      const e = toExport(r);
      return EXPORT_COLUMNS.map((c) => csvCell(c.value(e))).join(',') + '\r\n';
    },
    separator: '',
    tail: '',
    stored: true,
  },
  /** JSON: { schema, generatedAt, items: [full records] }. */
  json: {
    head: () => `{"schema":"gg-1.0","generatedAt":${JSON.stringify(new Date().toISOString())},"items":[`,
    row: (r) => JSON.stringify(presentService(r)),
    separator: ',',
    tail: ']}',
  },
};

/**
 * The records of a page, formatted and separated, with a turn of the event loop every TURN rows
 * (see TURN). A record that comes with its stored line is sent as stored; the lines formatted here
 * are counted (`formatted`) and added to `fresh`, when given, to be stored.
 */
export async function formatPage(format: ExportFormat, rows: RecordPage, fresh?: ExportRow[]): Promise<{ text: string; formatted: number }> {
  let out = '';
  let n = 0;
  let formatted = 0;
  for (const r of rows) {
    let line: string;
    if (r.stored != null) line = r.stored;
    else {
      line = format.row(r);
      formatted++;
      fresh?.push({ versionId: r.versionId, bodyCode: r.bodyCode, bodyName: r.bodyNameKo, isExample: r.isExample, csv: line });
    }
    out += (n === 0 ? '' : format.separator) + line;
    if (++n % TURN === 0) await turn();
  }
  return { text: out, formatted };
}

/**
 * Stores what a page's export formatted (`fresh`), once the page is sent. Storing is a saving, not
 * part of the export: a failure is reported on the server's error output, stops storing for this
 * export (`stop`), and the export goes on.
 */
export function keepLines(db: Kysely<DB>, rev: string, fresh: ExportRow[], stop: () => void): Promise<void> {
  if (fresh.length === 0) return Promise.resolve();
  return storeExportRows(db, rev, fresh).catch((error: Error) => {
    console.warn(`export lines not stored (the export goes on, formatting them): ${error.message}`);
    stop();
  });
}

/**
 * What to send before each formatted page, in order (as text or as UTF-8 bytes): the format's
 * separator between non-empty pages, '' before the first and for an empty page (nothing to send).
 */
export function pageJoiner(format: ExportFormat): (page: string | Uint8Array) => string {
  let emitted = false;
  return (page) => {
    if (page.length === 0) return '';
    const before = emitted ? format.separator : '';
    emitted = true;
    return before;
  };
}

/**
 * An export in this thread: head, the pages in order (the next read while one is formatted), tail.
 * Stored lines (migration 011) are used and made where the format has them, outside a transaction
 * (a failed store must not abort the caller's), and `rev` (the formatting code's identity) is known
 * (`exportRev()` unless given; null: none used or stored).
 */
export async function* exportChunks(db: Kysely<DB>, format: ExportFormat, opts: { rev?: string | null } = {}): AsyncGenerator<string> {
  yield format.head();
  let rev = db.isTransaction ? undefined : await storedLinesRev(format, opts.rev);
  const join = pageJoiner(format);
  for await (const page of streamPublishedServices(db, PAGE, rev)) {
    const fresh: ExportRow[] = [];
    const { text } = await formatPage(format, page, rev ? fresh : undefined);
    if (text) yield join(text) + text;
    if (rev) await keepLines(db, rev, fresh, () => { rev = undefined; });
  }
  yield format.tail;
}

/** CSV, UTF-8 with BOM, streamed page by page: in worker threads on PostgreSQL, in process on PGlite. */
export function csvExport(db: Kysely<DB>): Readable {
  return exportOffThread(db, 'csv') ?? Readable.from(exportChunks(db, FORMATS.csv), STREAMED);
}

/** JSON: { schema, generatedAt, items: [full records] }, streamed. */
export function jsonExport(db: Kysely<DB>): Readable {
  return exportOffThread(db, 'json') ?? Readable.from(exportChunks(db, FORMATS.json), STREAMED);
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
