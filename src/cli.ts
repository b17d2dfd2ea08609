import { reindex } from './features/services/search-index.repository.ts';
import fs from 'node:fs';
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { seed } from './features/seed/seed.ts';
import { runReminders } from './features/surveys/reminders.ts';
import { createAccount } from './features/accounts/accounts.service.ts';
import { AppError } from './platform/http/errors.ts';
import { buildApp } from './app.tsx';
import { oidcConfigFromEnv } from './features/accounts/oidc.ts';
import { csvExport, jsonExport, xlsxExport } from './features/exports/exports.ts';
import { EXPORT_USAGE, IMPORT_USAGE, runExport, runImport } from './features/standards/standards.cli.ts';
import { pipeline } from 'node:stream/promises';
import { backup, restore } from './features/backup/backup.service.ts';
import { warmSearch } from './features/services/services.search.ts';
import { fillInBackground } from './features/exports/export-warm.ts';

const USAGE = `usage: npm run registry -- <command>
  serve                      migrate, seed bodies (and demo data on first start), serve the portal
  migrate                    apply database migrations
  reindex                    rebuild the search index from the published services (one transaction)
  seed [--demo]              load the bodies of Gyeonggi (and the demo services with --demo)
${EXPORT_USAGE}
${IMPORT_USAGE}
  send-reminders             queue survey and review reminders in the outbox, and send them by SMTP_URL
  backup --out FILE          write a logical backup (gzip'd JSON lines) of the whole registry
  restore FILE [--force]     restore a backup in one transaction (--force replaces a non-empty registry)
  create-account --email E --name N --role officer|reviewer|admin [--body CODE] --password P
                             create a back-office account (officers need --body, e.g. 41110)`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]) {
  const [command = 'serve', ...args] = argv;
  const config = loadConfig();
  if (!['serve', 'migrate', 'reindex', 'seed', 'export', 'send-reminders', 'backup', 'restore', 'create-account', 'import'].includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const database = await openDatabase(config);
  const { db } = database;
  const shutdown = async () => { await database.close(); };
  try {
    const applied = await migrateToLatest(db);
    if (applied.length && command !== 'export') console.error(`migrations applied: ${applied.join(', ')}`);
    if (command === 'migrate') return shutdown();
    if (command === 'reindex') {
      await db.transaction().execute((trx) => reindex(trx));
      console.error('search index rebuilt (검색 색인을 다시 만들었습니다)');
      return shutdown();
    }
    if (command === 'seed') {
      const r = await seed(db, { demo: args.includes('--demo') });
      console.error(`seeded bodies${r.services ? ` and ${r.services} demo services` : ''}`);
      return shutdown();
    }
    if (command === 'create-account') {
      await seed(db, { demo: false }); // the bodies an officer account refers to
      const input = { email: flag(args, '--email'), name: flag(args, '--name'), role: flag(args, '--role'), body: flag(args, '--body'), password: flag(args, '--password') };
      try {
        const id = await createAccount(db, null, input, null);
        console.error(`계정을 만들었습니다 (account created): #${id} ${input.email?.toLowerCase()} (${input.role})`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        console.error(`계정을 만들지 못했습니다 (account not created):`);
        for (const p of error.problems.length ? error.problems : [error]) console.error(`  - ${p.message} (${p.messageEn})`);
        if (error.problems.some((p) => p.code === 'REQUIRED')) console.error(USAGE);
        await shutdown();
        process.exit(1);
      }
      return shutdown();
    }
    if (command === 'backup') {
      const out = flag(args, '--out');
      if (!out) throw new Error('backup needs --out FILE (백업 파일 경로를 --out 으로 지정하십시오)');
      await pipeline(backup(db), fs.createWriteStream(out + '.partial'));
      fs.renameSync(out + '.partial', out); // a backup file exists only once it is complete
      console.error(`backup written to ${out}`);
      return shutdown();
    }
    if (command === 'restore') {
      const file = args.find((a) => !a.startsWith('--'));
      if (!file || !fs.existsSync(file)) throw new Error('restore needs an existing backup FILE (복원할 백업 파일을 지정하십시오)');
      const counts = await restore(db, fs.createReadStream(file), { force: args.includes('--force') });
      console.error(`restored: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      return shutdown();
    }
    if (command === 'send-reminders') {
      const r = await runReminders(db);
      console.error(`reminders queued: ${r.queued} (survey tasks ${r.tasks}, reviews ${r.reviews}); sent ${r.sent}, failed ${r.failed}; waiting in the outbox ${r.unsent}${process.env.SMTP_URL ? '' : ' (SMTP_URL is not set: nothing is sent)'}`);
      return shutdown();
    }
    if (command === 'export' || command === 'import') {
      const status = command === 'import' ? await runImport(db, args) : await runExport(db, args);
      await shutdown();
      if (status !== 0) process.exit(status);
      return;
    }
    const r = await seed(db, { demo: config.demoData });
    if (r.services) console.error(`loaded ${r.services} demo services (DEMO_DATA=0 to start without them)`);
    const app = await buildApp({ db, logger: { level: config.logLevel }, oidc: oidcConfigFromEnv(process.env) });
    const stop = async () => {
      await app.close();
      await shutdown();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await app.listen({ port: config.port, host: config.host });
    // After the search records, the export lines the formatting code has not stored yet (PostgreSQL).
    void warmSearch(db).then(() => fillInBackground(db, (n) => console.error(`export lines stored: ${n}`)), () => {});
    console.error(`registry on http://${config.host}:${config.port} (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''})`);
  } catch (error) {
    await shutdown().catch(() => {});
    throw error;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
