import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/types.ts';
import { findAccountByEmail } from '../accounts/accounts.repository.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import type { Role } from '../accounts/actor.ts';

/** The shared password of the demo accounts (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; body?: string }[] = [
  { email: 'admin@demo.gg.go.kr', name: '데모 관리자', role: 'admin' },
  { email: 'reviewer@demo.gg.go.kr', name: '데모 검토자 (AI국)', role: 'reviewer' },
  { email: 'officer.suwon@demo.gg.go.kr', name: '데모 등록 담당자 (수원시)', role: 'officer', body: '41110' },
  { email: 'officer.welfare@demo.gg.go.kr', name: '데모 등록 담당자 (복지국)', role: 'officer', body: 'GG-WELFARE' },
];

/** Creates the demo accounts that do not exist yet; called only when the demo services were just loaded. */
export async function createDemoAccounts(db: Kysely<DB>): Promise<number> {
  let n = 0;
  for (const a of DEMO_ACCOUNTS) {
    if (await findAccountByEmail(db, a.email)) continue;
    await createAccount(db, null, { ...a, password: DEMO_PASSWORD }, null);
    n++;
  }
  return n;
}
