/** An API token's last use is recorded (to the minute) and shown to its owner; a refused token records nothing. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { anAccount, signIn } from '../../../test/support/accounts.ts';
import { testApp } from '../../../test/support/app.ts';

const { database, app } = await testApp({ demo: false });

const lastUsed = async (accountId: number) => (await sql<{ last_used_at: Date | null }>`select last_used_at from api_tokens where account_id = ${accountId}`.execute(database.db)).rows[0].last_used_at;
const call = (token: string) => app.inject({ url: '/api/v1/drafts', headers: { authorization: `Bearer ${token}` } });

describe('API token last use', () => {
  test('unused: none; used: the time, shown under 내 계정; within a minute not written again; later updated; revoked: unchanged', async () => {
    const a = await anAccount(database.db, 'officer', '41110');
    const officer = await signIn(app, a.email);
    const created = await officer.post('/office/account/tokens', { name: '연동 시스템' });
    const token = /<code>(ggr_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)![1];
    assert.equal(await lastUsed(a.id), null);
    assert.match((await officer.get('/office/account')).body, /<td>연동 시스템<\/td><td>[^<]+<\/td><td>—<\/td>/);

    const t0 = Date.now();
    assert.equal((await call(token)).statusCode, 200);
    const first = await lastUsed(a.id);
    assert.ok(first && first.getTime() >= t0 - 1000 && first.getTime() <= Date.now() + 1000, String(first));
    assert.doesNotMatch((await officer.get('/office/account')).body, /<td>연동 시스템<\/td><td>[^<]+<\/td><td>—<\/td>/);

    // Used again at once: not written again (one write per minute at most).
    await call(token);
    assert.equal((await lastUsed(a.id))!.getTime(), first.getTime());

    // Last used two hours ago: the next use records the new time.
    await sql`update api_tokens set last_used_at = now() - interval '2 hours' where account_id = ${a.id}`.execute(database.db);
    const stale = (await lastUsed(a.id))!;
    await call(token);
    assert.ok((await lastUsed(a.id))!.getTime() > stale.getTime() + 60 * 60_000);

    // A revoked token is refused and leaves the time as it was.
    await sql`update api_tokens set revoked_at = now(), last_used_at = now() - interval '2 hours' where account_id = ${a.id}`.execute(database.db);
    const before = (await lastUsed(a.id))!;
    assert.equal((await call(token)).statusCode, 401);
    assert.equal((await lastUsed(a.id))!.getTime(), before.getTime());
  });
});
