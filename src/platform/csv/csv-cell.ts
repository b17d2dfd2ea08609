const SPECIAL = /[",\r\n]/;

/**
 * One cell of the registry's CSV files (exports, change history, audit log): quoted when it holds
 * a quote, comma or line break; a cell a spreadsheet would run as a formula (= + - @, a tab or a
 * carriage return first) is quoted with a leading apostrophe, so it shows as text (CSV injection).
 * Called for every cell of a 200k-service export: one character test and one regex at most.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  if (s === '') return s;
  const c = s.charCodeAt(0);
  const formula = c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13; // = + - @ tab CR
  if (!formula && !SPECIAL.test(s)) return s;
  return '"' + (formula ? "'" : '') + s.replace(/"/g, '""') + '"';
}
