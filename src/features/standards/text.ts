/**
 * Bytes to text and text to records for the exchange formats: encoding detection, CSV reading and
 * writing (RFC 4180 with the tolerance real files need), and the repairs applied to values that go
 * into a Gyeonggi draft. The original cell text is never changed here: the importer keeps it as
 * read (see standards.service.ts), and only the copy that goes into the draft is repaired.
 */
import iconv from 'iconv-lite';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp949' | 'windows-1252';

/** A problem with the file as a whole: nothing in it can be read or trusted. */
export class FileProblem extends Error {
  constructor(readonly code: string, message: string, readonly messageEn: string) {
    super(message);
  }
}

const startsWith = (b: Uint8Array, ...sig: number[]) => sig.every((x, i) => b[i] === x);

/** Refuses files that are plainly not text (or not this kind of file), with a message a person can act on. */
export function sniffBinary(b: Uint8Array, expect: 'text' | 'xlsx'): void {
  const zip = startsWith(b, 0x50, 0x4b, 0x03, 0x04);
  const ole = startsWith(b, 0xd0, 0xcf, 0x11, 0xe0);
  if (expect === 'xlsx') {
    if (ole) throw new FileProblem('UNSUPPORTED_FORMAT', 'Excel 97-2003(xls) 형식은 읽을 수 없습니다. xlsx로 저장하십시오.', 'Excel 97-2003 (.xls) files cannot be read; save as .xlsx.');
    if (!zip) throw new FileProblem('NOT_XLSX', 'xlsx 파일이 아닙니다. CSV 파일이라면 파일 형식으로 CSV를 고르십시오 (명령줄: --format csv).', 'This is not an xlsx file; for a CSV file choose the CSV format (command line: --format csv).');
    return;
  }
  if (zip) throw new FileProblem('NOT_TEXT', '압축(zip/xlsx) 파일입니다. 엑셀 파일이면 파일 형식으로 엑셀(xlsx)을 고르고 (명령줄: --format xlsx), 아니면 CSV나 JSON으로 저장하십시오.', 'This is a zip (xlsx?) file; choose the Excel (xlsx) format for workbooks (command line: --format xlsx), or save it as CSV or JSON.');
  if (ole) throw new FileProblem('NOT_TEXT', 'Excel 97-2003(xls) 파일입니다. CSV나 xlsx로 저장하십시오.', 'This is an Excel 97-2003 (.xls) file; save as CSV or .xlsx.');
  if (startsWith(b, 0x25, 0x50, 0x44, 0x46)) throw new FileProblem('NOT_TEXT', 'PDF 파일은 가져올 수 없습니다.', 'PDF files cannot be imported.');
}

function looksUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 4000) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0, oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.4 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.4 && oddZero < half * 0.05) return 'utf-16be';
  return undefined;
}

/** CP949 (with the UHC syllables ICU's euc-kr lacks), strictly: undefined when any byte sequence is invalid. */
function cp949(b: Uint8Array): string | undefined {
  const text = iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'cp949');
  return text.includes('\ufffd') ? undefined : text;
}

const strict = (label: string, b: Uint8Array) => {
  try {
    return new TextDecoder(label, { fatal: true }).decode(b);
  } catch {
    return undefined;
  }
};

/**
 * Decodes a text file: a BOM decides; else UTF-16 by its zero bytes; else strict UTF-8; else CP949
 * when it decodes strictly and reads as Hangul (Korean Excel's "CSV"); else Windows-1252 (Western
 * Excel's "CSV"), which never fails and is reported as a guess. `forced` skips the detection.
 */
export function decodeText(b: Uint8Array, forced?: string): { text: string; encoding: Encoding; guessed: boolean } {
  if (forced) {
    const label = forced.toLowerCase();
    const text = /^(cp949|euc-?kr|ks_c_5601-1987|windows-949|uhc)$/.test(label) ? cp949(b)
      : /^(windows-1252|cp1252|win1252)$/.test(label) ? iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'win1252') : strict(label, b);
    if (text === undefined) throw new FileProblem('BAD_ENCODING', `파일이 지정한 인코딩(${forced})으로 읽히지 않습니다.`, `The file is not valid ${forced}.`);
    const enc: Encoding = /949|euc-?kr/.test(label) ? 'cp949' : /1252|latin/.test(label) ? 'windows-1252' : /16le/.test(label) ? 'utf-16le' : /16be/.test(label) ? 'utf-16be' : 'utf-8';
    return { text: text.replace(/^\ufeff/, ''), encoding: enc, guessed: false };
  }
  if (startsWith(b, 0xef, 0xbb, 0xbf)) return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8-bom', guessed: false };
  if (startsWith(b, 0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le', guessed: false };
  if (startsWith(b, 0xfe, 0xff)) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be', guessed: false };
  const u16 = looksUtf16(b);
  if (u16) return { text: new TextDecoder(u16).decode(b), encoding: u16, guessed: true };
  const utf8 = strict('utf-8', b);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', guessed: false };
  const korean = cp949(b);
  if (korean !== undefined) {
    const nonAscii = [...korean].filter((c) => c.charCodeAt(0) > 0x7f);
    const hangul = nonAscii.filter((c) => /[\uac00-\ud7a3]/.test(c)).length;
    if (nonAscii.length > 0 && hangul / nonAscii.length >= 0.5) return { text: korean, encoding: 'cp949', guessed: true };
  }
  // iconv-lite, not TextDecoder: Node's 'windows-1252' decodes 0x80–0x9f as C1 controls (Latin-1).
  return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'win1252'), encoding: 'windows-1252', guessed: true };
}

/** Text that is mostly control characters is binary data, not a table. */
export function assertText(text: string): void {
  if (text.trim() === '') throw new FileProblem('EMPTY_FILE', '빈 파일입니다.', 'The file is empty.');
  const sample = text.slice(0, 20000);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) bad++;
  }
  if (bad > Math.max(8, sample.length * 0.02)) {
    throw new FileProblem('NOT_TEXT', '텍스트 파일로 읽을 수 없습니다 (이진 데이터로 보입니다).', 'The file cannot be read as text (it looks like binary data).');
  }
}

// ---- CSV ----

export interface CsvRecord {
  cells: string[];
  line: number; // physical line where the record starts (1-based)
}

/** The delimiter of the first record: the spreadsheet importer's rule, shared. */
export { detectDelimiter } from '../imports/csv.ts';

/**
 * RFC 4180 plus what real files do: quoted cells with "" and line breaks, CRLF/LF/CR line ends, a
 * quote inside an unquoted cell kept as text, text after a closing quote kept. A quote that never
 * closes is a file problem (everything after it would silently become one cell).
 */
export function parseCsv(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const countBreaks = (s: string) => {
    let c = 0;
    for (let k = 0; k < s.length; k++) if (s[k] === '\n' || (s[k] === '\r' && s[k + 1] !== '\n')) c++;
    return c;
  };
  const scanToEnd = (from: number) => {
    let k = from;
    while (k < n) {
      const ch = text[k];
      if (ch === delimiter || ch === '\n' || ch === '\r') break;
      k++;
    }
    return k;
  };
  if (n === 0) return records;
  for (;;) {
    let field: string;
    if (text[i] === '"') {
      const quoteLine = line;
      let j = i + 1;
      let buf = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw new FileProblem('UNTERMINATED_QUOTE', `${quoteLine}번째 줄에서 시작한 따옴표(")가 닫히지 않았습니다. 파일이 잘렸거나 깨졌습니다.`, `A quote (") opened on line ${quoteLine} is never closed; the file is cut off or broken.`);
        }
        buf += text.slice(j, q);
        if (text[q + 1] === '"') { buf += '"'; j = q + 2; continue; }
        j = q + 1;
        break;
      }
      line += countBreaks(buf);
      const k = scanToEnd(j); // text after a closing quote is kept
      field = buf + text.slice(j, k);
      i = k;
    } else {
      const k = scanToEnd(i);
      field = text.slice(i, k);
      i = k;
    }
    record.push(field);
    if (i >= n) { records.push({ cells: record, line: recordLine }); break; }
    if (text[i] === delimiter) {
      i++;
      if (i >= n) { record.push(''); records.push({ cells: record, line: recordLine }); break; }
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    records.push({ cells: record, line: recordLine });
    record = [];
    line++;
    recordLine = line;
    if (i >= n) break;
  }
  return records;
}

/**
 * Spreadsheet formula guard: a cell that Excel would run as a formula gets a leading apostrophe, and
 * so does a cell that already starts with an apostrophe before such a character, so that
 * `unguardCell(guardCell(v)) === v` for every value (the guard is reversible).
 */
export function guardCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) || /^'[=+\-@\t\r']/.test(v) ? "'" + v : v;
}

export function unguardCell(v: string): string {
  return /^'[=+\-@\t\r']/.test(v) ? v.slice(1) : v;
}

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = guardCell(typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';

/** Header text compared the way people write it: case, spacing, quote style and NBSP do not matter. */
export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').replace(/^\ufeff/, '').replace(/[\u2018\u2019\u0092`´]/g, "'").replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u00a0\s]+/g, ' ').trim().toLowerCase();
}

// ---- repairs for the draft copy of a value ----

/** Windows-1252 characters that show up as C1 control characters when a cp1252 file was read as Latin-1. */
const CP1252_C1: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ',
  0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const PLAIN = /^[\x20-\x7e\n\t]*$/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * The copy of a value that goes into a draft: Unicode NFC, LF line ends, stray C0 control
 * characters removed, C1 characters (mis-decoded Windows-1252 punctuation) turned back into the
 * punctuation they were, surrounding whitespace trimmed. `repaired` says whether characters changed.
 */
export function repairText(s: string): { text: string; repaired: boolean } {
  if (PLAIN.test(s)) return { text: s.trim(), repaired: false };
  let repaired = false;
  let out = s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g, () => { repaired = true; return ''; });
  out = out.replace(/[\u0080-\u009f]/g, (c) => { repaired = true; return CP1252_C1[c.charCodeAt(0)] ?? ''; });
  if (LONE_SURROGATE.test(out)) { repaired = true; out = out.replace(LONE_SURROGATE_G, '\ufffd'); }
  out = out.normalize('NFC').trim();
  return { text: out, repaired };
}

/**
 * What PostgreSQL can store in jsonb: no U+0000 and no lone surrogates (a JSON file can hold both).
 * Applied to everything an import saves, the source record included; says whether anything changed.
 */
export function storable<T>(v: T): { value: T; changed: boolean } {
  let changed = false;
  const fix = (x: unknown): unknown => {
    if (typeof x === 'string') {
      if (!x.includes('\u0000') && !LONE_SURROGATE.test(x)) return x;
      changed = true;
      return x.replace(/\u0000/g, '').replace(LONE_SURROGATE_G, '\ufffd');
    }
    if (Array.isArray(x)) return x.map(fix);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [fix(k) as string, fix(y)]));
    return x;
  };
  const value = fix(v) as T;
  return { value, changed };
}

/** Placeholders that mean "nothing here" in real inventories. */
export function isBlank(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return /^\s*(\[blank\])?\s*$/i.test(v);
  if (Array.isArray(v)) return v.length === 0;
  return false;
}
