import fs from 'node:fs';
import { loadConfig } from './config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { seed } from './features/seed/seed.ts';
import { buildApp } from './app.tsx';
import { oidcConfigFromEnv } from './features/accounts/oidc.ts';
import { csvExport, jsonExport, xlsxExport } from './features/exports/exports.ts';
import { pipeline } from 'node:stream/promises';

const USAGE = `usage: npm run registry -- <command>
  serve                      migrate, seed bodies (and demo data on first start), serve the portal
  migrate                    apply database migrations
  seed [--demo]              load the bodies of Gyeonggi (and the demo services with --demo)
  export [--format csv|json|xlsx] [--out FILE]   export all published services (default csv to stdout)`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]) {
  const [command = 'serve', ...args] = argv;
  const config = loadConfig();
  if (!['serve', 'migrate', 'seed', 'export'].includes(command)) {
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
    if (command === 'seed') {
      const r = await seed(db, { demo: args.includes('--demo') });
      console.error(`seeded bodies${r.services ? ` and ${r.services} demo services` : ''}`);
      return shutdown();
    }
    if (command === 'export') {
      const format = flag(args, '--format') ?? 'csv';
      const out = flag(args, '--out');
      const stream = format === 'csv' ? csvExport(db) : format === 'json' ? jsonExport(db) : format === 'xlsx' ? xlsxExport(db) : undefined;
      if (!stream) throw new Error(`unknown export format "${format}" (csv, json, xlsx)`);
      await pipeline(stream, out ? fs.createWriteStream(out) : process.stdout);
      return shutdown();
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
