/**
 * Import a file in any exchange format as drafts of one body, with a per-row report.
 *
 * The rule:
 * - A row is REJECTED only when it cannot be read as a record: no name, not a record at all, an exact
 *   duplicate of an earlier row of the same file, or already imported (same identity, same content)
 *   into an open draft of the same body. Everything else becomes a draft; drafts may be incomplete.
 * - Missing or invalid Gyeonggi items (most foreign records lack e.g. the PIPA items), values longer
 *   than the schema allows (kept in full), values with no Gyeonggi equivalent (kept in the source
 *   record), repaired control characters: WARNINGS on the row.
 * - Modes: `all-or-nothing` (default) saves nothing when any row is rejected; `accept-valid` saves the
 *   readable rows and lists the rejected ones; `dry-run` saves nothing and reports. Every saved row is
 *   written in one transaction with its audit event.
 * - Each draft keeps the original record in full in `disclosure.source` ({ format, standard, key,
 *   hash, row, file, importedAt, record, extra }) so that exporting it in the same format
 *   reproduces the file.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { problemsFromZod } from '../../platform/http/errors.ts';
import { audit } from '../audit/audit.repository.ts';
import { findBodyByCode } from '../bodies/bodies.repository.ts';
import { labelOf } from '../disclosure/disclosure.fields.ts';
import { disclosureSchema } from '../disclosure/disclosure.schema.ts';
import { FORMATS, readRecords, type FileType, type FormatId, type RawRecord } from './formats.ts';
import { getPath, importFields, type Problem, type SourceRecord } from './mapping.ts';
import { insertImportedDrafts, importedSources } from './standards.repository.ts';
import { FileProblem, repairText, storable, type Encoding } from './text.ts';

export { exportDrafts, exportRegistry, exportService } from './standards.export.ts';

export type ImportMode = 'all-or-nothing' | 'accept-valid' | 'dry-run';
export type ImportOutcome = 'imported' | 'partial' | 'refused' | 'dry-run' | 'file-problem';

export interface ImportedRow { row: number; line?: number; name?: string; key?: string; draftId?: number; warnings: Problem[] }
export interface RejectedRow { row: number; line?: number; name?: string; key?: string; reasons: Problem[] }

export interface ImportReport {
  format: FormatId;
  standard: string;
  file?: string;
  body: string;
  mode: ImportMode;
  outcome: ImportOutcome;
  saved: boolean;
  message: string;
  messageEn: string;
  fileType?: FileType;
  encoding?: Encoding;
  startedAt: string;
  finishedAt: string;
  counts: { records: number; valid: number; imported: number; rejected: number; withWarnings: number; blankRows: number };
  fileProblems: Problem[];
  fileWarnings: Problem[];
  /** Rows that are (or, when nothing was saved, would be) drafts; draftId when saved. */
  imported: ImportedRow[];
  rejected: RejectedRow[];
}

export interface ImportOptions {
  format: FormatId;
  bodyCode: string;
  mode?: ImportMode;
  fileName?: string;
  encoding?: string;
  /** Who imports: an account, or the system (command line) with a label. */
  actor: { id: number | null; label: string };
  auditAction: string;
  ip?: string | null;
}

export class UnknownBody extends Error {
  constructor(readonly code: string) {
    super(`기관코드 ${code} 에 해당하는 기관이 없습니다 (no body with code ${code}).`);
  }
}

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

const p = (code: string, message: string, messageEn: string, extra: Partial<Problem> = {}): Problem => ({ code, message, messageEn, ...extra });

/** Gyeonggi schema check of a draft: what is missing, too long or invalid, as warnings (never blocking). */
export function schemaWarnings(d: Record<string, unknown>): Problem[] {
  const result = disclosureSchema.safeParse(d, { reportInput: true });
  if (result.success) return [];
  const problems = problemsFromZod(result.error, labelOf);
  const out: Problem[] = [];
  const missing = problems.filter((x) => x.code === 'REQUIRED').map((x) => x.field);
  if (missing.length) {
    out.push(p('GG_MISSING', `경기도 공개 항목 ${missing.length}개가 비어 있습니다 (제출 전에 채워야 함): ${missing.join(', ')}`,
      `${missing.length} Gyeonggi item(s) are empty (to fill in before submission): ${missing.join(', ')}`, { value: missing.join(',') }));
  }
  for (const x of problems) {
    if (x.code === 'REQUIRED') continue;
    if (x.code === 'TOO_LONG') {
      const v = getPath(d, x.field);
      const len = typeof v === 'string' ? v.length : Array.isArray(v) ? v.length : undefined;
      out.push(p('TOO_LONG', `${x.message} 값은 자르지 않고 그대로 두었습니다${len !== undefined ? ` (지금 ${len})` : ''}. 제출 전에 줄이십시오.`,
        `${x.messageEn} The value is kept in full${len !== undefined ? ` (now ${len})` : ''}; shorten it before submission.`, { gg: x.field }));
    } else {
      out.push(p(x.code === 'INVALID_VALUE' || x.code === 'INVALID_TYPE' || x.code === 'INVALID_FORMAT' ? 'GG_INVALID' : x.code, x.message, x.messageEn, { gg: x.field }));
    }
  }
  return out;
}

function summarize(r: ImportReport): [string, string] {
  const c = r.counts;
  switch (r.outcome) {
    case 'file-problem': return [`파일을 읽을 수 없어 아무것도 가져오지 않았습니다: ${r.fileProblems[0]?.message}`, `Nothing imported; the file cannot be read: ${r.fileProblems[0]?.messageEn}`];
    case 'refused': return c.valid === 0
      ? [`가져올 수 있는 행이 없어 아무것도 저장하지 않았습니다 (${c.records}건 중 ${c.rejected}건 거부).`, `No row could be imported; nothing was saved (${c.rejected} of ${c.records} rejected).`]
      : [`${c.records}건 중 ${c.rejected}건을 읽을 수 없어 아무것도 저장하지 않았습니다 (전부 아니면 전무). 고친 뒤 다시 가져오거나 --accept-valid 로 읽을 수 있는 ${c.valid}건만 가져오십시오.`,
        `${c.rejected} of ${c.records} rows cannot be read, so nothing was saved (all or nothing). Fix them and import again, or use --accept-valid to import the ${c.valid} readable rows.`];
    case 'dry-run': return [`시험 실행: ${c.valid}건을 가져올 수 있고 ${c.rejected}건은 거부됩니다. 저장하지 않았습니다.`, `Dry run: ${c.valid} rows would be imported and ${c.rejected} rejected. Nothing was saved.`];
    case 'partial': return [`${c.records}건 중 ${c.imported}건을 초안으로 가져왔고 ${c.rejected}건은 거부했습니다 (사유는 보고서 참조).`, `Imported ${c.imported} of ${c.records} rows as drafts; ${c.rejected} rejected (reasons in the report).`];
    default: return [`${c.imported}건을 모두 초안으로 가져왔습니다 (경고가 있는 행 ${c.withWarnings}건).`, `Imported all ${c.imported} rows as drafts (${c.withWarnings} with warnings).`];
  }
}

/** A file read and checked against one body: the report so far and the drafts it would make. Saves nothing. */
interface Checked {
  report: ImportReport;
  bodyId: number;
  drafts: unknown[];
}

function finish(report: ImportReport): ImportReport {
  report.counts.rejected = report.rejected.length;
  report.counts.valid = report.imported.length;
  report.counts.withWarnings = report.imported.filter((r) => r.warnings.length > 0).length;
  report.finishedAt = new Date().toISOString();
  [report.message, report.messageEn] = summarize(report);
  return report;
}

const auditDetails = (r: ImportReport) => ({ format: r.format, file: r.file ?? null, mode: r.mode, outcome: r.outcome, records: r.counts.records, imported: r.counts.imported, rejected: r.rejected.length, blankRows: r.counts.blankRows });

async function check(db: Kysely<DB>, bytes: Uint8Array, opts: ImportOptions): Promise<Checked> {
  const format = FORMATS[opts.format];
  const mode = opts.mode ?? 'all-or-nothing';
  const body = await findBodyByCode(db, opts.bodyCode);
  if (!body) throw new UnknownBody(opts.bodyCode);
  const report: ImportReport = {
    format: format.id, standard: format.label, file: opts.fileName, body: body.code, mode, outcome: 'refused', saved: false, message: '', messageEn: '',
    startedAt: new Date().toISOString(), finishedAt: '', counts: { records: 0, valid: 0, imported: 0, rejected: 0, withWarnings: 0, blankRows: 0 },
    fileProblems: [], fileWarnings: [], imported: [], rejected: [],
  };
  const drafts: unknown[] = [];
  let read;
  try {
    read = await readRecords(format, bytes, { encoding: opts.encoding });
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    report.outcome = 'file-problem';
    report.fileProblems.push(p(error.code, error.message, error.messageEn));
    return { report, bodyId: body.id, drafts };
  }
  report.fileType = read.fileType;
  report.encoding = read.encoding;
  report.fileWarnings = read.fileWarnings;
  report.counts.records = read.records.length;
  report.counts.blankRows = read.blankRows;

  const already = await importedSources(db, body.id, format.id);
  const byHash = new Map<string, number>();
  const byKey = new Map<string, number>();
  const importedAt = new Date().toISOString();

  for (const raw of read.records) {
    const r = readOne(format.id, raw);
    const where = { row: raw.row, ...(raw.line !== undefined && raw.line !== raw.row ? { line: raw.line } : {}), ...(r.name ? { name: r.name } : {}), ...(r.key ? { key: r.key } : {}) };
    if (r.reject) { report.rejected.push({ ...where, reasons: [r.reject] }); continue; }
    const sameRow = byHash.get(r.hash);
    if (sameRow !== undefined) {
      report.rejected.push({ ...where, reasons: [p('DUPLICATE_ROW', `${sameRow}행과 내용이 똑같은 중복 행입니다.`, `An exact duplicate of row ${sameRow}.`, { value: String(sameRow) })] });
      continue;
    }
    byHash.set(r.hash, raw.row);
    const previous = already.get(r.key) ?? [];
    const same = previous.find((x) => x.hash === r.hash);
    if (same) {
      report.rejected.push({ ...where, reasons: [p('ALREADY_IMPORTED', `이미 가져온 기록입니다 (초안 #${same.draftId}, 내용 동일).`, `Already imported (draft #${same.draftId}, same content).`, { value: String(same.draftId) })] });
      continue;
    }
    const warnings = [...raw.warnings, ...r.warnings];
    if (r.key && byKey.has(r.key)) {
      warnings.push(p('DUPLICATE_KEY', `${byKey.get(r.key)}행과 식별자(${r.key})가 같지만 내용이 다릅니다. 둘 다 가져왔습니다.`, `Same identity (${r.key}) as row ${byKey.get(r.key)} with different content; both imported.`));
    } else if (r.key) byKey.set(r.key, raw.row);
    if (previous.length) {
      warnings.push(p('IMPORTED_BEFORE', `같은 식별자의 기록을 전에 가져왔습니다 (초안 #${previous.map((x) => x.draftId).join(', #')}); 내용이 달라 새 초안으로 가져옵니다.`, `A record with the same identity was imported before (draft #${previous.map((x) => x.draftId).join(', #')}); its content differs, so it becomes a new draft.`));
    }
    const source: SourceRecord = { format: format.id, standard: format.label, key: r.key, hash: r.hash, ...(format.mapping ? { record: r.record } : {}), ...(Object.keys(raw.extra).length ? { extra: raw.extra } : {}), row: raw.row, ...(opts.fileName ? { file: opts.fileName } : {}), importedAt };
    const saved = storable({ ...r.disclosure, source });
    if (saved.changed) {
      warnings.push(p('NOT_STORABLE_REMOVED', 'NUL 문자나 깨진 유니코드 문자는 데이터베이스에 저장할 수 없어 원본 기록에서도 지우거나 대체했습니다.', 'NUL characters and broken Unicode characters cannot be stored; they were removed or replaced in the source record too.'));
    }
    drafts.push(saved.value);
    report.imported.push({ ...where, warnings });
  }
  return { report, bodyId: body.id, drafts };
}

/** Reads and checks a file as `importFile` would, and reports; saves nothing and records no audit event. */
export async function checkFile(db: Kysely<DB>, bytes: Uint8Array, opts: Omit<ImportOptions, 'mode' | 'auditAction'>): Promise<ImportReport> {
  const { report } = await check(db, bytes, { ...opts, mode: 'dry-run', auditAction: '' });
  if (report.outcome !== 'file-problem') report.outcome = 'dry-run';
  return finish(report);
}

export async function importFile(db: Kysely<DB>, bytes: Uint8Array, opts: ImportOptions): Promise<ImportReport> {
  const { report, bodyId, drafts } = await check(db, bytes, opts);
  const event = () => ({ action: opts.auditAction, actorId: opts.actor.id, actorLabel: opts.actor.label, entity: 'import', bodyId, ip: opts.ip ?? null, details: auditDetails(report) });
  if (report.outcome === 'file-problem') {
    finish(report);
    await audit(db, event());
    return report;
  }
  const valid = report.imported.length;
  if (report.mode === 'dry-run') report.outcome = 'dry-run';
  else if (valid === 0 || (report.mode === 'all-or-nothing' && report.rejected.length > 0)) report.outcome = 'refused';
  else {
    await db.transaction().execute(async (trx) => {
      const ids = await insertImportedDrafts(trx, bodyId, drafts, opts.actor.id);
      ids.forEach((id, i) => { report.imported[i].draftId = id; });
      report.counts.imported = ids.length;
      report.outcome = report.rejected.length ? 'partial' : 'imported';
      report.saved = true;
      await audit(trx, event());
    });
    return finish(report);
  }
  await audit(db, event());
  return finish(report);
}

interface OneRecord {
  reject?: Problem;
  name?: string;
  key: string;
  hash: string;
  record: Record<string, unknown>;
  disclosure: Record<string, unknown>;
  warnings: Problem[];
}

/** One raw record → draft content, identity and warnings; or the reason it cannot be read. */
function readOne(formatId: FormatId, raw: RawRecord): OneRecord {
  const format = FORMATS[formatId];
  if (raw.unreadable) return { reject: raw.unreadable, key: '', hash: '', record: {}, disclosure: {}, warnings: [] };
  const warnings: Problem[] = [];
  let disclosure: Record<string, unknown>;
  let name: string | undefined;
  let key: string;
  let record: Record<string, unknown>;
  if (!format.mapping) {
    // Gyeonggi JSON: the record is a disclosure (or an exported item holding one).
    const item = raw.values as Record<string, any>;
    const d = item.disclosure && typeof item.disclosure === 'object' && !Array.isArray(item.disclosure) ? item.disclosure : item;
    const { source: _ignored, schemaVersion: _v, ...content } = d;
    disclosure = content;
    record = content;
    name = [content.name?.ko, content.name?.en].find((x) => typeof x === 'string' && x.trim());
    key = String(name ?? '').trim().toLowerCase();
  } else {
    const m = format.mapping;
    record = {};
    for (const f of m.fields) if (raw.values[f.field] !== undefined) record[f.field] = raw.values[f.field];
    const imported = importFields(m, record);
    disclosure = imported.disclosure;
    warnings.push(...imported.warnings);
    if (imported.repaired.length) {
      warnings.push(p('CONTROL_CHARACTERS_REPAIRED', `제어 문자를 정리했습니다 (초안 사본만; 원본 기록은 그대로): ${imported.repaired.join(', ')}`, `Stray control characters were repaired in the draft copy (the source record keeps the original): ${imported.repaired.join(', ')}`, { value: imported.repaired.join(',') }));
    }
    const nameField = m.fields.find((f) => f.required)!;
    const n = getPath(disclosure, nameField.gg!);
    name = typeof n === 'string' && n.trim() ? n : undefined;
    key = m.key(record);
  }
  const hash = hashOf([record, raw.extra]);
  const shown = name ? repairText(name).text.slice(0, 120) : undefined;
  if (!name) {
    const nameField = format.mapping?.fields.find((f) => f.required);
    const label = nameField ? (nameField.header ?? nameField.field) : 'name.ko';
    return { reject: p('NAME_MISSING', `이름(「${label}」)이 비어 있어 어떤 서비스인지 알 수 없습니다.`, `The name ("${label}") is empty, so the record cannot be identified.`), key, hash, record, disclosure, warnings };
  }
  warnings.push(...schemaWarnings(disclosure));
  return { name: shown, key, hash, record, disclosure, warnings };
}
