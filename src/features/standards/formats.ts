/**
 * The exchange formats: which file type each one is, which mapping it uses, how a file of it is
 * read into records (with header matching, extra and missing columns) and how records are written.
 */
import { cellText, excel } from '../../platform/excel/excel.ts';
import { EU } from './eu.ts';
import { GG_COLUMN_LABELS, GG_COLUMNS } from './gg-columns.ts';
import { getPath, leafPaths, setPath, type Mapping, type Problem } from './mapping.ts';
import { NL } from './nl.ts';
import {
  assertText, csvLine, decodeText, detectDelimiter, FileProblem, normalizeHeader, parseCsv, sniffBinary, unguardCell, type Encoding,
} from './text.ts';
import { UK } from './uk.ts';
import { US2024, US2025 } from './us.ts';

export type FormatId = 'gg' | 'csv' | 'xlsx' | 'nl' | 'uk' | 'eu' | 'us-2024' | 'us-2025';
export type FileType = 'json' | 'csv' | 'xlsx';

export interface Format {
  id: FormatId;
  label: string;
  /** What export writes. */
  fileType: FileType;
  /** What import reads (JSON or CSV is recognised by the first character). */
  reads: FileType[];
  mediaType: string;
  extension: string;
  /** Field mapping; absent for `gg`, whose records are Gyeonggi disclosures themselves. */
  mapping?: Mapping;
}

export const FORMATS: Record<FormatId, Format> = {
  gg: { id: 'gg', label: 'Gyeonggi disclosure gg-1.0 (JSON)', fileType: 'json', reads: ['json'], mediaType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { id: 'csv', label: 'Gyeonggi columns (CSV, UTF-8 with BOM)', fileType: 'csv', reads: ['csv'], mediaType: 'text/csv; charset=utf-8', extension: 'csv', mapping: GG_COLUMNS },
  xlsx: { id: 'xlsx', label: 'Gyeonggi columns (Excel workbook)', fileType: 'xlsx', reads: ['xlsx'], mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', mapping: GG_COLUMNS },
  nl: { id: 'nl', label: NL.title, fileType: 'json', reads: ['json', 'csv'], mediaType: 'application/json; charset=utf-8', extension: 'json', mapping: NL },
  uk: { id: 'uk', label: UK.title, fileType: 'json', reads: ['json', 'csv'], mediaType: 'application/json; charset=utf-8', extension: 'json', mapping: UK },
  eu: { id: 'eu', label: EU.title, fileType: 'json', reads: ['json', 'csv'], mediaType: 'application/json; charset=utf-8', extension: 'json', mapping: EU },
  'us-2024': { id: 'us-2024', label: US2024.title, fileType: 'csv', reads: ['csv', 'json'], mediaType: 'text/csv; charset=utf-8', extension: 'csv', mapping: US2024 },
  'us-2025': { id: 'us-2025', label: US2025.title, fileType: 'csv', reads: ['csv', 'json'], mediaType: 'text/csv; charset=utf-8', extension: 'csv', mapping: US2025 },
};

export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[];
/** The standards of other registers (the exchange formats proper). */
export const FOREIGN_FORMATS: FormatId[] = ['nl', 'uk', 'eu', 'us-2024', 'us-2025'];

export function formatOf(id: string | undefined): Format | undefined {
  if (id === 'json') return FORMATS.gg;
  return id && id in FORMATS ? FORMATS[id as FormatId] : undefined;
}

// ---- reading ----

export interface RawRecord {
  /** Row as a spreadsheet shows it (CSV/xlsx; the header is row 1) or item number (JSON, from 1). */
  row: number;
  /** Physical line where a CSV record starts (differs from row when cells span lines). */
  line?: number;
  values: Record<string, unknown>;
  /** Columns or keys the standard does not have: kept in the draft's source record. */
  extra: Record<string, unknown>;
  /** Problems of the row's structure (not fatal). */
  warnings: Problem[];
  /** A structural reason the row cannot be read at all. */
  unreadable?: Problem;
}

export interface ReadResult {
  fileType: FileType;
  encoding?: Encoding;
  records: RawRecord[];
  fileWarnings: Problem[];
  blankRows: number;
}

export const MAX_BYTES = 100 * 1024 * 1024;
export const MAX_RECORDS = 50_000;

const problem = (code: string, message: string, messageEn: string, extra: Partial<Problem> = {}): Problem => ({ code, message, messageEn, ...extra });

export async function readRecords(format: Format, bytes: Uint8Array, opts: { encoding?: string } = {}): Promise<ReadResult> {
  if (bytes.length === 0) throw new FileProblem('EMPTY_FILE', '빈 파일입니다.', 'The file is empty.');
  if (bytes.length > MAX_BYTES) throw new FileProblem('FILE_TOO_LARGE', '파일이 100MB를 넘습니다. 나누어 가져오십시오.', 'The file is larger than 100 MB; split it.');
  let result: ReadResult;
  if (format.reads.includes('xlsx')) {
    sniffBinary(bytes, 'xlsx');
    result = tableToRecords(format, await readXlsxRows(bytes), 'xlsx');
  } else {
    sniffBinary(bytes, 'text');
    const decoded = decodeText(bytes, opts.encoding);
    assertText(decoded.text);
    const fileWarnings: Problem[] = [];
    if (decoded.guessed && decoded.encoding !== 'utf-8') {
      fileWarnings.push(problem('ENCODING_GUESSED', `파일을 UTF-8로 읽을 수 없어 ${decoded.encoding}(으)로 읽었습니다. 글자가 깨졌다면 UTF-8로 저장하십시오 (명령줄에서는 --encoding 으로 지정할 수도 있습니다).`, `The file is not UTF-8; it was read as ${decoded.encoding}. If characters look wrong, save it as UTF-8 (on the command line, --encoding names the encoding).`, { value: decoded.encoding }));
    }
    const first = decoded.text.trimStart()[0];
    const isJson = first === '[' || first === '{';
    if (isJson && !format.reads.includes('json')) throw new FileProblem('WRONG_FILE_TYPE', '이 형식은 CSV 파일을 읽습니다. JSON 파일입니다.', 'This format reads CSV files; this is JSON.');
    if (!isJson && !format.reads.includes('csv')) throw new FileProblem('WRONG_FILE_TYPE', '이 형식은 JSON 파일을 읽습니다 (첫 글자가 [ 또는 {).', 'This format reads JSON files (starting with [ or {).');
    result = isJson ? readJson(format, decoded.text) : tableToRecords(format, csvRows(decoded.text), 'csv');
    result.encoding = decoded.encoding;
    result.fileWarnings.unshift(...fileWarnings);
  }
  if (result.records.length > MAX_RECORDS) throw new FileProblem('TOO_MANY_RECORDS', `한 파일에 ${MAX_RECORDS.toLocaleString('ko-KR')}건까지 가져올 수 있습니다.`, `At most ${MAX_RECORDS} records per file.`);
  return result;
}

interface TableRow { row: number; line?: number; cells: string[] }

function csvRows(text: string): TableRow[] {
  return parseCsv(text, detectDelimiter(text)).map((r, i) => ({ row: i + 1, line: r.line, cells: r.cells.map(unguardCell) }));
}

/** Column keys the header cells stand for; repeated headers are matched in order. */
function matchHeader(format: Format, header: string[]): { keys: (string | undefined)[]; matched: number } {
  const m = format.mapping!;
  const lookup = new Map<string, string[]>();
  const add = (text: string, key: string) => {
    const n = normalizeHeader(text);
    if (!n) return;
    const list = lookup.get(n) ?? [];
    if (!list.includes(key)) list.push(key);
    lookup.set(n, list);
  };
  for (const f of m.fields) add(f.header ?? f.field, f.field);
  for (const f of m.fields) add(f.field, f.field);
  if (format.mapping === GG_COLUMNS) for (const [key, labels] of Object.entries(GG_COLUMN_LABELS)) for (const l of labels) add(l, key);
  const used = new Set<string>();
  let matched = 0;
  const keys = header.map((h) => {
    const key = (lookup.get(normalizeHeader(h)) ?? []).find((k) => !used.has(k));
    if (key) { used.add(key); matched++; }
    return key;
  });
  return { keys, matched };
}

function tableToRecords(format: Format, rows: TableRow[], fileType: FileType): ReadResult {
  const m = format.mapping!;
  const nonBlank = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonBlank.length === 0) throw new FileProblem('EMPTY_FILE', '내용이 없는 파일입니다.', 'The file has no content.');
  // The header is the first row, or for the registry's own files the best of the first three (labels, then keys).
  const candidates = format.mapping === GG_COLUMNS ? nonBlank.slice(0, 3) : nonBlank.slice(0, 1);
  const scored = candidates.map((r) => ({ r, ...matchHeader(format, r.cells) }));
  const best = scored.reduce((a, b) => (b.matched > a.matched ? b : a));
  const headerRow = best.r;
  const { keys } = best;
  if (best.matched === 0) {
    throw new FileProblem('NO_KNOWN_COLUMNS', `첫 행에 이 형식(${format.id})의 열 이름이 하나도 없습니다. 고른 파일 형식이 맞는지 확인하십시오 (명령줄: --format).`, `The first row has none of the column names of format ${format.id}; check the chosen format (command line: --format).`);
  }
  const required = m.fields.filter((f) => f.required).map((f) => f.field);
  const missingRequired = required.filter((k) => !keys.includes(k));
  if (missingRequired.length) {
    const f = m.fields.find((x) => x.field === missingRequired[0])!;
    throw new FileProblem('NAME_COLUMN_MISSING', `이름 열 「${f.header ?? f.field}」이(가) 없어 어떤 행도 읽을 수 없습니다.`, `The name column "${f.header ?? f.field}" is missing, so no row can be read.`);
  }
  const fileWarnings: Problem[] = [];
  const missing = m.fields.filter((f) => !keys.includes(f.field));
  if (missing.length) {
    fileWarnings.push(problem('MISSING_COLUMNS', `이 형식의 열 ${missing.length}개가 파일에 없습니다 (빈 값으로 읽음): ${missing.map((f) => f.header ?? f.field).join(' / ').slice(0, 500)}`,
      `${missing.length} column(s) of the format are not in the file (read as empty): ${missing.map((f) => f.header ?? f.field).join(' / ').slice(0, 500)}`, { value: missing.map((f) => f.field).join(',') }));
  }
  const extraNames = headerRow.cells.map((h, j) => (keys[j] ? undefined : h.trim() || `column_${j + 1}`));
  const seenExtra = new Map<string, number>();
  const extraKeys = extraNames.map((n) => {
    if (!n) return undefined;
    const k = seenExtra.get(n) ?? 0;
    seenExtra.set(n, k + 1);
    return k ? `${n} (${k + 1})` : n;
  });
  const unknown = extraKeys.filter((k, j) => k && headerRow.cells[j].trim() !== '');
  if (unknown.length) {
    fileWarnings.push(problem('EXTRA_COLUMNS', `이 형식에 없는 열 ${unknown.length}개는 초안의 원본 기록에만 남깁니다: ${unknown.join(' / ').slice(0, 500)}`,
      `${unknown.length} column(s) not in the format are kept in the drafts' source records only: ${unknown.join(' / ').slice(0, 500)}`, { value: unknown.join(',') }));
  }
  const records: RawRecord[] = [];
  let blankRows = 0;
  const start = rows.indexOf(headerRow) + 1;
  for (const r of rows.slice(start)) {
    if (r.cells.every((c) => c.trim() === '')) { blankRows++; continue; }
    const values: Record<string, unknown> = {};
    const extra: Record<string, unknown> = {};
    const warnings: Problem[] = [];
    if (format.mapping === GG_COLUMNS && matchHeader(format, r.cells).matched >= Math.max(3, best.matched / 2)) continue; // a second header row (keys under labels)
    r.cells.forEach((cell, j) => {
      if (j < keys.length && keys[j]) values[keys[j]!] = cell;
      else if (j < headerRow.cells.length) { if (cell !== '') extra[extraKeys[j]!] = cell; }
      else if (cell !== '') extra[`column_${j + 1}`] = cell;
    });
    if (r.cells.length > headerRow.cells.length && r.cells.slice(headerRow.cells.length).some((c) => c !== '')) {
      warnings.push(problem('EXTRA_CELLS', `이 행에는 머리행(${headerRow.cells.length}칸)보다 많은 ${r.cells.length}칸이 있습니다. 남는 칸은 원본 기록에 남깁니다.`, `This row has ${r.cells.length} cells, the header ${headerRow.cells.length}; the extra cells are kept in the source record.`));
    } else if (r.cells.length < headerRow.cells.length && r.cells.length > 1) {
      warnings.push(problem('SHORT_ROW', `이 행에는 머리행(${headerRow.cells.length}칸)보다 적은 ${r.cells.length}칸만 있습니다. 없는 칸은 빈 값으로 읽었습니다.`, `This row has ${r.cells.length} cells, the header ${headerRow.cells.length}; the missing cells are read as empty.`));
    }
    records.push({ row: r.row, line: r.line, values, extra, warnings });
  }
  if (records.length === 0) throw new FileProblem('NO_RECORDS', '머리행 밖에 없습니다. 가져올 행이 없습니다.', 'The file has a header row only; there is nothing to import.');
  return { fileType, records, fileWarnings, blankRows };
}

const WRAPPER_KEYS = ['items', 'records', 'data', 'results', 'algoritmes', 'useCases', 'use_cases'];

function readJson(format: Format, text: string): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    const pos = /position (\d+)/.exec(String((error as Error).message))?.[1];
    const line = pos ? text.slice(0, Number(pos)).split('\n').length : undefined;
    throw new FileProblem('INVALID_JSON', `JSON 형식이 올바르지 않습니다${line ? ` (${line}번째 줄 부근)` : ''}.`, `The file is not valid JSON${line ? ` (near line ${line})` : ''}.`);
  }
  let items: unknown[];
  if (Array.isArray(doc)) items = doc;
  else if (doc && typeof doc === 'object') {
    const key = WRAPPER_KEYS.find((k) => Array.isArray((doc as any)[k]));
    items = key ? (doc as any)[key] : [doc];
  } else throw new FileProblem('INVALID_JSON', 'JSON 파일에 기록(객체)이 없습니다.', 'The JSON file holds no records (objects).');
  if (items.length === 0) throw new FileProblem('NO_RECORDS', '가져올 기록이 없습니다.', 'There are no records in the file.');
  const records: RawRecord[] = items.map((item, i) => {
    const row = i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { row, values: {}, extra: {}, warnings: [], unreadable: problem('NOT_A_RECORD', `${row}번째 항목은 기록(객체)이 아닙니다.`, `Item ${row} is not a record (an object).`) };
    }
    if (!format.mapping) return { row, values: item as Record<string, unknown>, extra: {}, warnings: [] };
    const values: Record<string, unknown> = {};
    for (const f of format.mapping.fields) {
      const v = getPath(item, f.field) ?? (item as any)[f.field] ?? (f.header ? (item as any)[f.header] : undefined);
      if (v !== undefined) values[f.field] = v;
    }
    const fields = format.mapping.fields.flatMap((f) => [f.field, ...(f.header ? [f.header] : [])]);
    const extra: Record<string, unknown> = {};
    for (const p of leafPaths(item)) {
      if (fields.some((f) => p === f || p.startsWith(f + '.'))) continue;
      if (p in (item as any) && fields.includes(p)) continue;
      extra[p] = getPath(item, p) ?? (item as any)[p];
    }
    return { row, values, extra, warnings: [] };
  });
  return { fileType: 'json', records, fileWarnings: [], blankRows: 0 };
}

// ---- xlsx ----

/** Declared unpacked size of a zip from its central directory: refuses zip bombs before unpacking. */
function checkZip(b: Uint8Array) {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const broken = () => new FileProblem('BROKEN_FILE', 'xlsx 파일이 손상되어 읽을 수 없습니다.', 'The xlsx file is damaged.');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw broken();
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw broken();
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw new FileProblem('FILE_TOO_LARGE', '압축을 풀면 너무 큰 파일입니다.', 'The workbook is too large once unpacked.');
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > 500 * 1024 * 1024) throw new FileProblem('FILE_TOO_LARGE', '압축을 풀면 너무 큰 파일입니다.', 'The workbook is too large once unpacked.');
}

async function readXlsxRows(bytes: Uint8Array): Promise<TableRow[]> {
  checkZip(bytes);
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('BROKEN_FILE', 'xlsx 파일을 읽을 수 없습니다. Excel이나 LibreOffice에서 다시 저장해 보십시오.', 'The xlsx file cannot be read; save it again from Excel or LibreOffice.');
  }
  const visible = wb.worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  const ws = visible.find((w) => ['services', '서비스'].includes(w.name.trim().toLowerCase())) ?? visible[0];
  if (!ws) throw new FileProblem('NO_SHEET', '통합 문서에 시트가 없습니다.', 'The workbook has no sheet.');
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as Parameters<typeof cellText>[0][];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
    rows.push({ row: n, cells });
  });
  return rows;
}

// ---- writing ----

export const csvHeader = (m: Mapping) => '\uFEFF' + csvLine(m.fields.map((f) => f.header ?? f.field));
export const csvRecord = (m: Mapping, values: Record<string, unknown>) => csvLine(m.fields.map((f) => values[f.field]));

/** A record nested by its field paths (JSON formats); undefined values are left out. */
export function nestRecord(m: Mapping, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of m.fields) if (values[f.field] !== undefined) setPath(out, f.field, values[f.field]);
  return out;
}
