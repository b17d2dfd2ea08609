/**
 * Spreadsheet import: a file of many services becomes drafts of the officer's own body, all rows
 * or none. `analyseImport` reads and checks every row and saves nothing; `commitImport` saves the
 * drafts of a clean analysis in one transaction with one audit event.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { AppError, problemsFromZod } from '../../platform/http/errors.ts';
import type { Actor } from '../accounts/actor.ts';
import { audit } from '../audit/audit.repository.ts';
import { labelOf, type L } from '../disclosure/disclosure.fields.ts';
import { disclosureSchema, type Disclosure } from '../disclosure/disclosure.schema.ts';
import { authorizeCreate } from '../drafts/drafts.policy.ts';
import { insertDraft } from '../drafts/drafts.repository.ts';
import {
  COLUMN_BY_KEY, REQUIRED_KEYS, SYSTEM_KEYS, columnOfPath, keyOfKeyCell, keyOfLabelCell, rowToDisclosure, type ImportColumn,
} from './import.columns.ts';
import { FileProblem, MAX_ROWS, columnLetter, readTable, type Table, type TableRow } from './import.read.ts';
import type { ForeignFormat } from './import.foreign.ts';
import { findOwnServices } from './import.repository.ts';

export interface ImportProblem {
  row: number | null; // spreadsheet row; null for the file as a whole
  cell: string | null; // e.g. "K12"
  column: string | null; // column key
  header: L | null; // the column's header
  code: string;
  message: string;
  messageEn: string;
  value?: string;
}

export interface ImportReport {
  filename: string | null;
  /** xlsx or csv: the registry's spreadsheet; else the standard the file was read as (import.foreign.ts). */
  format: Table['format'] | ForeignFormat | null;
  standard?: string;
  encoding: string | null;
  sha256: string;
  rows: number; // data rows read
  newDrafts: number;
  changes: number;
  errorCount: number;
  errors: ImportProblem[]; // the first MAX_LISTED
  warningCount: number;
  warnings: ImportProblem[]; // the first MAX_LISTED
  refused: boolean; // names another body's service or body: nothing is imported, whatever else
  ok: boolean;
}

interface PreparedDraft {
  row: number;
  serviceId: number | null;
  disclosure: Disclosure;
  changeReason: string | null;
}

export interface Analysis {
  report: ImportReport;
  drafts: PreparedDraft[];
}

const MAX_LISTED = 1000;
const PUBLIC_ID = /^GG-\d{4}-\d{4,}$/;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const clip = (s: string) => (s.length > 100 ? s.slice(0, 100) + '…' : s);

interface Layout {
  columns: (ImportColumn | undefined)[]; // per column index; undefined = not imported
  indexOf: Map<string, number>;
  dataFrom: number; // index in table.rows of the first data row
}

/** Which row names the columns: a key row (as in CSV exports), or Korean headers optionally followed by a key row. */
function identifyColumns(table: Table, fileProblem: (p: Omit<ImportProblem, 'row' | 'cell'> & { cell?: string | null }) => void, warn: (p: ImportProblem) => void): Layout | undefined {
  const [r0, r1] = table.rows;
  const share = (row: TableRow | undefined, f: (c: string) => string | undefined) => {
    const filled = row?.cells.filter((c) => c.trim()) ?? [];
    const hits = filled.filter((c) => f(c)).length;
    return filled.length && hits >= 3 && hits / filled.length >= 0.5;
  };
  let keyRow: TableRow | undefined;
  let labelRow: TableRow | undefined;
  let dataFrom: number;
  if (share(r0, keyOfKeyCell)) { keyRow = r0; dataFrom = 1; }
  else if (share(r0, keyOfLabelCell)) {
    labelRow = r0;
    if (share(r1, keyOfKeyCell)) { keyRow = r1; dataFrom = 2; } else dataFrom = 1;
  } else {
    fileProblem({ column: null, header: null, code: 'NO_HEADER', message: '첫 행에서 열 이름을 찾지 못했습니다. 등록부의 서식 파일(첫 행 한글 항목명, 둘째 행 키)을 내려받아 사용하십시오.', messageEn: 'No column headers found in the first row; use the registry’s template (Korean headers in row 1, keys in row 2).' });
    return undefined;
  }
  const width = Math.max(keyRow?.cells.length ?? 0, labelRow?.cells.length ?? 0);
  const columns: Layout['columns'] = [];
  const indexOf = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    const k = keyRow?.cells[i]?.trim() ?? '';
    const l = labelRow?.cells[i]?.trim() ?? '';
    const key = (k && (keyOfKeyCell(k) ?? keyOfLabelCell(k))) || (l && (keyOfLabelCell(l) ?? keyOfKeyCell(l))) || undefined;
    if (!key) {
      if (k || l) warn({ row: (keyRow ?? labelRow)!.n, cell: columnLetter(i) + (keyRow ?? labelRow)!.n, column: null, header: null, code: 'UNKNOWN_COLUMN', message: `알 수 없는 열 「${l || k}」(${columnLetter(i)}열)은 가져오지 않습니다.`, messageEn: `Unknown column '${l || k}' (${columnLetter(i)}) is not imported.` });
      continue;
    }
    if (indexOf.has(key)) {
      const c = COLUMN_BY_KEY.get(key);
      fileProblem({ column: key, header: c?.label ?? null, cell: columnLetter(i), code: 'DUPLICATE_COLUMN', message: `「${c?.label.ko ?? key}」 열이 두 번 있습니다 (${columnLetter(indexOf.get(key)!)}열, ${columnLetter(i)}열).`, messageEn: `Column ${c?.label.en ?? key} appears twice (${columnLetter(indexOf.get(key)!)}, ${columnLetter(i)}).` });
      continue;
    }
    indexOf.set(key, i);
    columns[i] = SYSTEM_KEYS.has(key) ? undefined : COLUMN_BY_KEY.get(key);
  }
  for (const key of REQUIRED_KEYS) {
    if (!indexOf.has(key)) {
      const c = COLUMN_BY_KEY.get(key)!;
      fileProblem({ column: key, header: c.label, code: 'MISSING_COLUMN', message: `필수 열 「${c.label.ko}」(${key})이 없습니다.`, messageEn: `The required column ${c.label.en} (${key}) is missing.` });
    }
  }
  return { columns, indexOf, dataFrom };
}

/** Reads and checks the whole file; saves nothing. */
export async function analyseImport(db: Kysely<DB>, actor: Actor, file: { bytes: Buffer; filename?: string | null; charset?: string }): Promise<Analysis> {
  authorizeCreate(actor);
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const report: ImportReport = {
    filename: file.filename ?? null, format: null, encoding: null, sha256: sha256(file.bytes), rows: 0, newDrafts: 0, changes: 0,
    errorCount: 0, errors: [], warningCount: 0, warnings, refused: false, ok: false,
  };
  const finish = (drafts: PreparedDraft[] = []): Analysis => {
    report.errorCount = errors.length;
    report.errors = errors.slice(0, MAX_LISTED);
    report.warningCount = warnings.length;
    report.warnings = warnings.slice(0, MAX_LISTED);
    report.ok = errors.length === 0;
    return { report, drafts: report.ok ? drafts : [] };
  };
  const fileProblem = (p: Omit<ImportProblem, 'row' | 'cell'> & { cell?: string | null }) => errors.push({ row: null, ...p, cell: p.cell ?? null });

  let table: Table;
  try {
    table = await readTable(file.bytes, { charset: file.charset });
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    fileProblem({ column: null, header: null, code: error.code, message: error.message, messageEn: error.messageEn });
    return finish();
  }
  report.format = table.format;
  report.encoding = table.encoding ?? null;
  const layout = identifyColumns(table, fileProblem, (w) => warnings.push(w));
  if (!layout || errors.length) return finish();
  const dataRows = table.rows.slice(layout.dataFrom);
  report.rows = dataRows.length;
  if (dataRows.length === 0) {
    fileProblem({ column: null, header: null, code: 'NO_ROWS', message: '가져올 행이 없습니다.', messageEn: 'There are no rows to import.' });
    return finish();
  }
  if (dataRows.length > MAX_ROWS) {
    fileProblem({ column: null, header: null, code: 'TOO_MANY_ROWS', message: `한 파일에 ${MAX_ROWS.toLocaleString('ko-KR')}행까지 가져올 수 있습니다 (${dataRows.length.toLocaleString('ko-KR')}행). 파일을 나누어 올리십시오.`, messageEn: `At most ${MAX_ROWS} rows per file (this one has ${dataRows.length}); split the file.` });
    return finish();
  }

  const at = (row: TableRow, key: string): { text: string; cell: string | null; col: ImportColumn; header: L } => {
    const i = layout.indexOf.get(key);
    const col = COLUMN_BY_KEY.get(key)!;
    return { text: i === undefined ? '' : (row.cells[i] ?? '').trim(), cell: i === undefined ? null : columnLetter(i) + row.n, col, header: col.label };
  };
  const rowProblem = (row: TableRow, key: string, p: { code: string; message: string; messageEn: string }, withValue = true) => {
    const c = at(row, key);
    errors.push({ row: row.n, cell: c.cell, column: key, header: c.header, ...p, ...(withValue && c.text ? { value: clip(c.text) } : {}) });
  };

  // Who the rows name: only the officer's own body and its own published services.
  const publicIds = [...new Set(dataRows.map((r) => at(r, 'public_id').text.toUpperCase()).filter(Boolean))];
  const own = new Map((await findOwnServices(db, actor.bodyId!, publicIds.filter((id) => PUBLIC_ID.test(id)))).map((s) => [s.publicId, s]));
  const refusedRows = new Set<number>();
  for (const row of dataRows) {
    const body = at(row, 'body_code').text;
    if (body && body.toUpperCase() !== (actor.bodyCode ?? '').toUpperCase()) {
      refusedRows.add(row.n);
      rowProblem(row, 'body_code', { code: 'OTHER_BODY', message: `기관코드 '${clip(body)}'은(는) 우리 기관(${actor.bodyCode})이 아닙니다. 다른 기관의 행이 있는 파일은 가져오지 않습니다.`, messageEn: `Body code '${clip(body)}' is not your body (${actor.bodyCode}); a file with another body’s rows is not imported.` });
    }
    const id = at(row, 'public_id').text.toUpperCase();
    if (id && !own.has(id)) {
      refusedRows.add(row.n);
      rowProblem(row, 'public_id', { code: 'NOT_OWN_SERVICE', message: `등록번호 '${clip(id)}'은(는) 우리 기관의 공개 서비스에서 찾을 수 없습니다. 다른 기관의 서비스가 있는 파일은 가져오지 않습니다.`, messageEn: `Registry ID '${clip(id)}' is not a published service of your body; a file naming another body’s service is not imported.` });
    }
  }
  report.refused = refusedRows.size > 0;

  const drafts: PreparedDraft[] = [];
  const seen = new Map<string, number>();
  for (const row of dataRows) {
    if (refusedRows.has(row.n)) continue;
    const id = at(row, 'public_id').text.toUpperCase();
    const service = id ? own.get(id) : undefined;
    const reason = at(row, 'change_reason').text;
    const before = errors.length;
    if (service) {
      if (seen.has(id)) rowProblem(row, 'public_id', { code: 'DUPLICATE_SERVICE', message: `등록번호 ${id}이(가) ${seen.get(id)}행에도 있습니다. 한 서비스는 한 행에만 적으십시오.`, messageEn: `Registry ID ${id} is also in row ${seen.get(id)}; one row per service.` });
      seen.set(id, seen.get(id) ?? row.n);
      if (service.openDraftId) rowProblem(row, 'public_id', { code: 'OPEN_DRAFT', message: `${id}에는 이미 작성 중인 변경 제안(초안 ${service.openDraftId}번)이 있습니다. 그 초안을 마치거나 회수한 뒤 가져오십시오.`, messageEn: `${id} already has an open change proposal (draft ${service.openDraftId}); finish or withdraw it first.` });
      if (!reason) rowProblem(row, 'change_reason', { code: 'REQUIRED', message: '등록번호를 적은 행(변경 제안)에는 「변경 사유」를 입력하십시오.', messageEn: 'A row with a registry ID (a change proposal) needs a reason for the change.' }, false);
    } else if (reason) {
      warnings.push({ row: row.n, cell: at(row, 'change_reason').cell, column: 'change_reason', header: at(row, 'change_reason').header, code: 'REASON_IGNORED', message: '새 서비스 행의 「변경 사유」는 저장하지 않습니다.', messageEn: 'A change reason on a new service row is not saved.' });
    }

    const input = rowToDisclosure(layout.columns, row.cells, service?.disclosure as Record<string, any> | undefined);
    const flagged = new Set<string>();
    for (const p of input.problems) {
      flagged.add(p.key);
      rowProblem(row, p.key, p.problem);
    }
    const parsed = disclosureSchema.safeParse(input.disclosure, { reportInput: true });
    if (!parsed.success) {
      const said = new Set<string>();
      for (const p of problemsFromZod(parsed.error, labelOf)) {
        const col = columnOfPath(p.field);
        if (col && flagged.has(col.key)) continue;
        const once = `${col?.key ?? p.field}|${p.message}`;
        if (said.has(once)) continue;
        said.add(once);
        if (col && layout.indexOf.has(col.key)) rowProblem(row, col.key, p);
        else errors.push({ row: row.n, cell: null, column: col?.key ?? null, header: col?.label ?? labelOf(p.field) ?? null, code: p.code, message: p.message, messageEn: p.messageEn });
      }
    }
    if (errors.length === before && parsed.success) {
      drafts.push({ row: row.n, serviceId: service?.serviceId ?? null, disclosure: parsed.data, changeReason: service ? reason : null });
    }
  }
  report.changes = drafts.filter((d) => d.serviceId).length;
  report.newDrafts = drafts.length - report.changes;
  return finish(drafts);
}

/** Saves every draft of a clean analysis in one transaction, with one audit event; or nothing. */
export async function commitImport(db: Kysely<DB>, actor: Actor, analysis: Analysis, ip: string | null): Promise<number[]> {
  authorizeCreate(actor);
  const { report, drafts } = analysis;
  if (!report.ok || drafts.length === 0) {
    throw new AppError(400, 'IMPORT_INVALID', '파일에 오류가 있어 아무것도 저장하지 않았습니다.', 'The file has errors; nothing was saved.');
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (const d of drafts) {
        ids.push(await insertDraft(trx, { bodyId: actor.bodyId!, serviceId: d.serviceId, disclosure: d.disclosure, changeReason: d.changeReason, accountId: actor.id }));
      }
      await audit(trx, {
        action: 'import.commit', actorId: actor.id, entity: 'import', entityId: report.sha256.slice(0, 16), bodyId: actor.bodyId, ip,
        details: { via: actor.via, filename: report.filename, format: report.format, encoding: report.encoding, sha256: report.sha256, rows: report.rows, newDrafts: report.newDrafts, changes: report.changes, draftIds: ids },
      });
      return ids;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new AppError(409, 'CONFLICT', '가져오는 동안 다른 사용자가 같은 서비스의 변경 제안을 만들었습니다. 아무것도 저장하지 않았습니다. 다시 올려 주십시오.', 'Someone opened a change proposal for one of these services meanwhile; nothing was saved. Upload again.');
    }
    throw error;
  }
}
