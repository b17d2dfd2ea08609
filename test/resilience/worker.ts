// A worker the resilience test kills with SIGKILL in the middle of its work.
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { seed } from '../../src/features/seed/seed.ts';
import { publishService } from '../../src/features/services/services.service.ts';
import { insertDraft } from '../../src/features/drafts/drafts.repository.ts';
import { aDisclosure } from '../support/factories.ts';

const mode = process.argv[2];
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? '' });
await migrateToLatest(database.db);
await seed(database.db, { demo: false });
const body = await database.db.selectFrom('bodies').where('code', '=', '41110').select('id').executeTakeFirstOrThrow();
console.log('ready');
if (mode === 'publish') {
  // New services and new versions, one transaction each, as fast as possible until killed.
  let last: string | undefined;
  for (let i = 0; ; i++) {
    const r = last && i % 2
      ? await publishService(database.db, { bodyCode: '41110', publicId: last, changeReason: `변경 ${i}`, disclosure: aDisclosure({ name: { ko: `중단 시험 ${i}` } }) })
      : await publishService(database.db, { bodyCode: '41110', disclosure: aDisclosure({ name: { ko: `중단 시험 ${i}` } }) });
    last = r.publicId;
    console.log(`ok ${r.publicId} ${r.versionNo}`);
  }
} else if (mode === 'import') {
  // One big all-or-nothing import, killed before it commits.
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 100_000; i++) {
      await insertDraft(trx, { bodyId: body.id, serviceId: null, disclosure: aDisclosure({ name: { ko: `가져오기 ${i}` } }), changeReason: null, accountId: null as unknown as number });
      if (i === 50) console.log('started');
    }
  });
  console.log('committed');
}
