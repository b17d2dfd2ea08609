import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { BODIES } from '../bodies/bodies.data.ts';
import { insertMissingBodies } from '../bodies/bodies.repository.ts';
import { publishService } from '../services/services.service.ts';
import { EXAMPLE_SERVICES } from './example-services.ts';
import { REAL_SERVICES } from './real-services.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { sql } from 'kysely';

/** Loads the bodies (always) and, when asked and the registry is empty, the demo services. */
export async function seed(db: Kysely<DB>, options: { demo: boolean }) {
  await insertMissingBodies(db, BODIES);
  if (!options.demo) return { services: 0 };
  const existing = await db.selectFrom('services').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { services: 0 };
  let n = 0;
  for (const s of REAL_SERVICES) {
    await publishService(db, { bodyCode: s.bodyCode, disclosure: s.disclosure, publishedAt: new Date(s.publishedAt), publishedBy: 'seed' });
    n++;
  }
  for (const s of EXAMPLE_SERVICES) {
    await publishService(db, { bodyCode: s.bodyCode, disclosure: s.disclosure, publishedAt: new Date(s.publishedAt), publishedBy: 'seed', isExample: true });
    n++;
  }
  await createDemoAccounts(db);
  return { services: n };
}
