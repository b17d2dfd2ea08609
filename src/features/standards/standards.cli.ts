/**
 * The `import` and `export` commands of `npm run registry`. Import runs as the system (no account)
 * for the body given with --body and records an `import.cli` audit event with the counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { FORMAT_IDS, formatOf } from './formats.ts';
import { exportDrafts, exportRegistry, exportService, importFile, UnknownBody, type ImportMode, type ImportReport } from './standards.service.ts';

const FORMAT_LIST = FORMAT_IDS.join('|');

export const IMPORT_USAGE = `  import --format ${FORMAT_LIST} --body CODE [--accept-valid | --dry-run] [--report FILE.json] [--encoding LABEL] FILE
                             import a file as drafts of one body. All or nothing by default: if any row
                             cannot be read, nothing is saved. --accept-valid saves the readable rows and
                             lists the others; --dry-run saves nothing. --report writes the per-row report.
                             Exit status: 0 all imported, 3 some rows rejected (--accept-valid), 1 nothing saved, 2 usage.`;
export const EXPORT_USAGE = `  export [--format ${FORMAT_LIST}] [--out FILE] [--service GG-YYYY-NNNN] [--drafts --body CODE]
                             export all published services (default csv to stdout), one service, or a body's open drafts`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const VALUE_FLAGS = ['--format', '--body', '--report', '--out', '--encoding', '--service'];

function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUE_FLAGS.includes(args[i])) { i++; continue; }
    if (!args[i].startsWith('--')) out.push(args[i]);
  }
  return out;
}

function printReport(r: ImportReport) {
  const e = console.error;
  e(`${r.message}\n${r.messageEn}`);
  e(`  format ${r.format}, body ${r.body}, mode ${r.mode}${r.encoding ? `, encoding ${r.encoding}` : ''}: ${r.counts.records} records, ${r.counts.imported} saved, ${r.counts.rejected} rejected, ${r.counts.withWarnings} with warnings${r.counts.blankRows ? `, ${r.counts.blankRows} blank rows skipped` : ''}`);
  for (const x of [...r.fileProblems, ...r.fileWarnings]) e(`  [${x.code}] ${x.message} (${x.messageEn})`);
  for (const x of r.rejected.slice(0, 20)) e(`  row ${x.row}${x.line ? ` (line ${x.line})` : ''}${x.name ? ` «${x.name.slice(0, 60)}»` : ''}: ${x.reasons.map((p) => `[${p.code}] ${p.messageEn}`).join('; ')}`);
  if (r.rejected.length > 20) e(`  … and ${r.rejected.length - 20} more rejected rows (see --report)`);
}

/** Returns the exit status. */
export async function runImport(db: Kysely<DB>, args: string[]): Promise<number> {
  const format = formatOf(flag(args, '--format'));
  const body = flag(args, '--body');
  const [file, ...more] = positional(args);
  const report = flag(args, '--report');
  if (!format || !body || !file || more.length || (args.includes('--accept-valid') && args.includes('--dry-run'))) {
    console.error(`usage: npm run registry --\n${IMPORT_USAGE}`);
    if (!format && flag(args, '--format')) console.error(`unknown format "${flag(args, '--format')}"`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    console.error(`파일을 읽을 수 없습니다 (cannot read the file): ${file}: ${(error as Error).message}`);
    return 2;
  }
  const mode: ImportMode = args.includes('--accept-valid') ? 'accept-valid' : args.includes('--dry-run') ? 'dry-run' : 'all-or-nothing';
  let r: ImportReport;
  try {
    r = await importFile(db, bytes, { format: format.id, bodyCode: body, mode, fileName: path.basename(file), encoding: flag(args, '--encoding'), actor: { id: null, label: 'cli' }, auditAction: 'import.cli' });
  } catch (error) {
    if (error instanceof UnknownBody) { console.error(error.message); return 2; }
    if (error instanceof RangeError && /encoding/i.test(error.message)) { console.error(`unknown --encoding: ${error.message}`); return 2; }
    throw error;
  }
  if (report) fs.writeFileSync(report, JSON.stringify(r, null, 2) + '\n');
  printReport(r);
  if (report) console.error(`  report: ${report}`);
  if (r.outcome === 'imported') return 0;
  if (r.outcome === 'partial') return 3;
  if (r.outcome === 'dry-run') return r.rejected.length ? 1 : 0;
  return 1;
}

export async function runExport(db: Kysely<DB>, args: string[]): Promise<number> {
  const format = formatOf(flag(args, '--format') ?? 'csv');
  if (!format) {
    console.error(`unknown export format "${flag(args, '--format')}" (${FORMAT_LIST})\nusage: npm run registry --\n${EXPORT_USAGE}`);
    return 2;
  }
  const out = flag(args, '--out');
  // A file under --out appears only once it is complete: written beside it, then renamed.
  const partial = out ? `${out}.partial` : undefined;
  const sink = () => (partial ? fs.createWriteStream(partial) : process.stdout);
  const finish = () => { if (out && partial) fs.renameSync(partial, out); };
  const service = flag(args, '--service');
  if (service) {
    const body = await exportService(db, service, format.id);
    if (body === undefined) { console.error(`게시된 서비스가 없습니다 (no published service ${service})`); return 1; }
    if (out && partial) { fs.writeFileSync(partial, body); finish(); } else process.stdout.write(body);
    return 0;
  }
  if (args.includes('--drafts')) {
    const body = flag(args, '--body');
    if (!body) { console.error(`--drafts needs --body CODE\nusage: npm run registry --\n${EXPORT_USAGE}`); return 2; }
    const stream = await exportDrafts(db, body, format.id);
    if (!stream) { console.error(`기관코드 ${body} 에 해당하는 기관이 없습니다 (no body with code ${body}).`); return 2; }
    await pipeline(stream, sink());
    finish();
    return 0;
  }
  await pipeline(exportRegistry(db, format.id), sink());
  finish();
  return 0;
}
