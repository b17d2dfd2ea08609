/**
 * Files in other registers' standards (NL, UK, EU, US 2024/2025) through the officer's import page
 * and the import API. Reading, mapping and checking are the standards importer's
 * (`standards.service.ts`); this file only fixes the body to the officer's own, keeps the rule of the
 * page (all rows or none) and turns the standards report into the page's row/column report.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import type { Actor } from '../accounts/actor.ts';
import { labelOf } from '../disclosure/disclosure.fields.ts';
import { authorizeCreate } from '../drafts/drafts.policy.ts';
import { FOREIGN_FORMATS } from '../standards/formats.ts';
import type { Problem } from '../standards/mapping.ts';
import { checkFile, importFile, type ImportReport as StandardsReport } from '../standards/standards.service.ts';
import { MAX_ROWS } from './import.read.ts';
import { sha256, type Analysis, type ImportProblem, type ImportReport } from './import.service.ts';

export type ForeignFormat = 'nl' | 'uk' | 'eu' | 'us-2024' | 'us-2025';
/** What an upload is read as: the registry's spreadsheet (xlsx or CSV, recognised by content) or a standard. */
export type UploadFormat = 'spreadsheet' | ForeignFormat;

export const UPLOAD_FORMATS: UploadFormat[] = ['spreadsheet', ...(FOREIGN_FORMATS as ForeignFormat[])];

/** The format parameter: absent, `xlsx` or `csv` → the spreadsheet importer; a standard's id; else undefined. */
export function uploadFormatOf(raw: unknown): UploadFormat | undefined {
  const v = typeof raw === 'string' ? raw.trim().toLowerCase() : raw === undefined ? '' : undefined;
  if (v === undefined) return undefined;
  if (v === '' || v === 'spreadsheet' || v === 'xlsx' || v === 'csv') return 'spreadsheet';
  return (FOREIGN_FORMATS as string[]).includes(v) ? (v as ForeignFormat) : undefined;
}

const MAX_LISTED = 1000;

/** A standards problem as a report line: the column is the standard's field (or the Gyeonggi item it fills). */
const problem = (row: number | null, x: Problem, value?: string): ImportProblem => ({
  row, cell: null, column: x.field ?? x.gg ?? null, header: (x.gg && labelOf(x.gg)) || null,
  code: x.code, message: x.message, messageEn: x.messageEn, ...((x.value ?? value) ? { value: String(x.value ?? value).slice(0, 100) } : {}),
});

/** The standards report as the page's report: every rejected row with its reasons is an error. */
function toReport(r: StandardsReport, bytes: Buffer, filename: string | null): ImportReport {
  const errors: ImportProblem[] = [
    ...r.fileProblems.map((x) => problem(null, x)),
    ...r.rejected.flatMap((row) => row.reasons.map((x) => problem(row.row, x, row.name))),
  ];
  if (r.counts.records > MAX_ROWS) {
    errors.unshift({ row: null, cell: null, column: null, header: null, code: 'TOO_MANY_ROWS', message: `한 파일에 ${MAX_ROWS.toLocaleString('ko-KR')}건까지 가져올 수 있습니다 (${r.counts.records.toLocaleString('ko-KR')}건). 파일을 나누어 올리십시오.`, messageEn: `At most ${MAX_ROWS} records per file (this one has ${r.counts.records}); split the file.` });
  }
  if (r.outcome !== 'file-problem' && r.counts.records > 0 && r.imported.length === 0 && errors.length === 0) {
    errors.push({ row: null, cell: null, column: null, header: null, code: 'NO_ROWS', message: '가져올 행이 없습니다.', messageEn: 'There are no rows to import.' });
  }
  const warnings: ImportProblem[] = [
    ...r.fileWarnings.map((x) => problem(null, x)),
    ...r.imported.flatMap((row) => row.warnings.map((x) => problem(row.row, x))),
  ];
  return {
    filename, format: r.format as ForeignFormat, standard: r.standard, encoding: r.encoding ?? null, sha256: sha256(bytes),
    rows: r.counts.records, newDrafts: r.imported.length, changes: 0,
    errorCount: errors.length, errors: errors.slice(0, MAX_LISTED), warningCount: warnings.length, warnings: warnings.slice(0, MAX_LISTED),
    refused: false, ok: errors.length === 0,
  };
}

const options = (actor: Actor, format: ForeignFormat, filename: string | null, charset?: string) => ({
  format, bodyCode: actor.bodyCode!, fileName: filename ?? undefined, encoding: charset, actor: { id: actor.id, label: actor.email },
});

/** Reads and checks a file of a standard as drafts of the officer's own body; saves nothing. */
export async function analyseForeign(db: Kysely<DB>, actor: Actor, format: ForeignFormat, file: { bytes: Buffer; filename?: string | null; charset?: string }): Promise<Analysis> {
  authorizeCreate(actor);
  const r = await checkFile(db, file.bytes, options(actor, format, file.filename ?? null, file.charset));
  return { report: toReport(r, file.bytes, file.filename ?? null), drafts: [] };
}

/**
 * Checks the file again and saves all its rows as drafts of the officer's own body in one
 * transaction with one audit event, or nothing when any row cannot be read.
 */
export async function commitForeign(db: Kysely<DB>, actor: Actor, format: ForeignFormat, file: { bytes: Buffer; filename?: string | null; charset?: string }, ip: string | null): Promise<{ report: ImportReport; drafts: number[] }> {
  authorizeCreate(actor);
  const first = await analyseForeign(db, actor, format, file);
  if (!first.report.ok) return { report: first.report, drafts: [] };
  const r = await importFile(db, file.bytes, { ...options(actor, format, file.filename ?? null, file.charset), mode: 'all-or-nothing', auditAction: 'import.commit', ip });
  const report = toReport(r, file.bytes, file.filename ?? null);
  return { report, drafts: r.saved ? r.imported.map((x) => x.draftId!) : [] };
}
