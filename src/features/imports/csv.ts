/**
 * CSV decoding and parsing for imports. Korean Excel still saves "CSV" in CP949 (a superset of
 * EUC-KR), newer versions UTF-8 with a BOM, "Unicode text" in UTF-16 with tabs; all are read here.
 */
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'cp949' | 'utf-16le' | 'utf-16be';

/**
 * Decodes CSV bytes: a BOM decides; else strict UTF-8; else CP949. Node's ICU 'euc-kr' decoder
 * knows only KS X 1001 (2,350 syllables) and loses the other 8,822 that CP949 (UHC) adds, such as
 * 똠 or 뷁, so CP949 goes through iconv-lite; a result with U+FFFD means neither fits.
 */
export function decodeCsv(bytes: Uint8Array, charsetHint?: string): { text: string; encoding: CsvEncoding } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const hint = charsetHint?.toLowerCase().replace(/[^a-z0-9]/g, '');
  const cp949 = () => {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949');
    return text.includes('\uFFFD') ? undefined : { text, encoding: 'cp949' as const };
  };
  const utf8 = () => {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' as const };
    } catch {
      return undefined;
    }
  };
  return hint && /^(euckr|cp949|ksc56011987|windows949|uhc)$/.test(hint) ? cp949() ?? utf8() : utf8() ?? cp949();
}

/** The delimiter of the first record: comma, tab or semicolon, whichever occurs most outside quotes. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ',';
}

export interface CsvResult {
  records: string[][]; // record i is spreadsheet row i + 1 (a multi-line cell stays in its row, as in Excel)
  unterminatedQuoteAt?: number; // row number where an unclosed quoted cell starts
}

/**
 * RFC 4180 with the tolerance real files need: quoted cells with "" and line breaks, CRLF, LF or
 * CR line ends, a quote inside an unquoted cell kept as text, text after a closing quote kept.
 * Stops early (returns what it has) once `maxRecords` records are read.
 */
export function parseCsv(text: string, delimiter = ',', maxRecords = Infinity): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  let quoteRow = 0;
  const endField = () => { record.push(field); field = ''; fieldStart = true; };
  const endRecord = () => { endField(); records.push(record); record = []; };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && fieldStart) { quoted = true; fieldStart = false; quoteRow = records.length + 1; continue; }
    if (ch === delimiter) { endField(); continue; }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      if (records.length >= maxRecords) return { records };
      continue;
    }
    field += ch;
    fieldStart = false;
  }
  if (quoted) return { records, unterminatedQuoteAt: quoteRow };
  if (field !== '' || record.length > 0) endRecord();
  return { records };
}

/** The export guards formula-like cells with a leading apostrophe (=, +, -, @, tab); undo that. */
export function unguardCell(value: string): string {
  return /^'[=+\-@\t]/.test(value) ? value.slice(1) : value;
}
