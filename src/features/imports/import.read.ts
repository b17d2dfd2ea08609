/**
 * Reads an uploaded file into a table of text cells with their spreadsheet row numbers: an xlsx
 * workbook (exceljs; Excel or LibreOffice) or a CSV file (any of the encodings Korean Excel writes).
 */
import { cellText, excel } from '../../platform/excel/excel.ts';
import { decodeCsv, detectDelimiter, parseCsv, unguardCell, type CsvEncoding } from './csv.ts';

export const MAX_ROWS = 10_000;
export const MAX_MB = 20;
export const MAX_BYTES = MAX_MB * 1024 * 1024;
/** A 20 MB xlsx may not unpack to more than this (a guard against zip bombs). */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
const HEADER_ROWS = 2;

export interface TableRow {
  n: number; // row number as the spreadsheet shows it
  cells: string[];
}

export interface Table {
  format: 'xlsx' | 'csv';
  encoding?: CsvEncoding;
  sheet?: string;
  rows: TableRow[]; // non-blank rows only, in order
}

/** A problem with the file as a whole (nothing in it can be read or trusted). */
export class FileProblem extends Error {
  constructor(readonly code: string, message: string, readonly messageEn: string) {
    super(message);
  }
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Text as stored: Unicode NFC (macOS writes decomposed Hangul), LF line ends, no control characters. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g, '');
}

export async function readTable(bytes: Buffer, opts: { charset?: string } = {}): Promise<Table> {
  if (bytes.length === 0) throw new FileProblem('EMPTY_FILE', '빈 파일입니다.', 'The file is empty.');
  if (bytes.length > MAX_BYTES) throw new FileProblem('FILE_TOO_LARGE', `파일이 ${MAX_MB}MB를 넘습니다. 나누어 올리십시오.`, `The file is larger than ${MAX_MB} MB; split it.`);
  if (isOle(bytes)) {
    throw new FileProblem('UNSUPPORTED_FORMAT', 'Excel 97-2003(xls) 형식은 읽을 수 없습니다. 「Excel 통합 문서(xlsx)」나 CSV로 저장한 뒤 올리십시오.', 'Excel 97-2003 (.xls) files cannot be read; save as .xlsx or CSV.');
  }
  const table = isZip(bytes) ? await readXlsx(bytes) : readCsv(bytes, opts.charset);
  if (table.rows.length > MAX_ROWS + HEADER_ROWS) {
    throw new FileProblem('TOO_MANY_ROWS', `한 파일에 ${MAX_ROWS.toLocaleString('ko-KR')}행까지 가져올 수 있습니다. 파일을 나누어 올리십시오.`, `At most ${MAX_ROWS} rows per file; split the file.`);
  }
  return table;
}

function readCsv(bytes: Buffer, charset?: string): Table {
  const decoded = decodeCsv(bytes, charset);
  if (!decoded) {
    throw new FileProblem('UNKNOWN_ENCODING', '파일의 문자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR) CSV로 저장하십시오.', 'Unknown text encoding; save the CSV as UTF-8 or CP949 (EUC-KR).');
  }
  const { records, unterminatedQuoteAt } = parseCsv(decoded.text, detectDelimiter(decoded.text), MAX_ROWS + HEADER_ROWS + 1000);
  if (unterminatedQuoteAt) {
    throw new FileProblem('UNTERMINATED_QUOTE', `${unterminatedQuoteAt}행에서 시작한 따옴표(")가 닫히지 않았습니다.`, `A quote (") opened in row ${unterminatedQuoteAt} is never closed.`);
  }
  const rows: TableRow[] = [];
  records.forEach((cells, i) => {
    const clean = cells.map((c) => cleanText(unguardCell(c)));
    if (clean.some((c) => c.trim() !== '')) rows.push({ n: i + 1, cells: clean });
  });
  return { format: 'csv', encoding: decoded.encoding, rows };
}

/** Declared unpacked size of a zip, from its central directory; refuses ZIP64 and oversized archives. */
function checkZipSize(b: Buffer) {
  const tooBig = () => new FileProblem('FILE_TOO_LARGE', '압축을 풀면 너무 큰 파일입니다.', 'The workbook is too large once unpacked.');
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new FileProblem('BROKEN_FILE', 'xlsx 파일이 손상되어 읽을 수 없습니다.', 'The xlsx file is damaged.');
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  if (entries === 0xffff || p === 0xffffffff || entries > 10_000) throw tooBig();
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new FileProblem('BROKEN_FILE', 'xlsx 파일이 손상되어 읽을 수 없습니다.', 'The xlsx file is damaged.');
    const size = b.readUInt32LE(p + 24);
    if (size === 0xffffffff) throw tooBig();
    total += size;
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  if (total > MAX_UNZIPPED_BYTES) throw tooBig();
}

const DATA_SHEETS = ['services', '서비스'];

async function readXlsx(bytes: Buffer): Promise<Table> {
  checkZipSize(bytes);
  const ExcelJS = await excel();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new FileProblem('BROKEN_FILE', 'xlsx 파일을 읽을 수 없습니다. Excel이나 LibreOffice에서 다시 저장해 보십시오.', 'The xlsx file cannot be read; save it again from Excel or LibreOffice.');
  }
  const visible = wb.worksheets.filter((w) => w.state === 'visible' || w.state === undefined);
  const ws = visible.find((w) => DATA_SHEETS.includes(w.name.trim().toLowerCase())) ?? visible[0];
  if (!ws) throw new FileProblem('NO_SHEET', '통합 문서에 시트가 없습니다.', 'The workbook has no sheet.');
  const rows: TableRow[] = [];
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (tooMany) return;
    const values = row.values as Parameters<typeof cellText>[0][];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cleanText(cellText(values[c])));
    if (cells.some((c) => c.trim() !== '')) rows.push({ n, cells });
    if (rows.length > MAX_ROWS + HEADER_ROWS) tooMany = true;
  });
  return { format: 'xlsx', sheet: ws.name, rows };
}
