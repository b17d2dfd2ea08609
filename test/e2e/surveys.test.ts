// A survey campaign end to end in a real browser (Debian's Chromium through playwright-core): an
// administrator opens a survey for two bodies through the form (first with missing items), an
// officer of one of them opens the task, confirms each published service as unchanged, declares
// that there is no new AI service and submits; the administrator's campaign page then shows that
// body as answered and the other as pending. Every page reached gets an axe scan (WCAG 2.1 A and AA).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { parseServiceFilter } from '../../src/features/services/services.filter.ts';
import { searchServices } from '../../src/features/services/services.search.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { startBrowserApp, stopBrowserApp } from '../support/browser-app.ts';
import { anAccount, PASSWORD } from '../support/accounts.ts';
import { collectAxeViolations, noViolations, submitForm } from '../support/office-page.ts';
import type { TestBrowser } from '../support/browser.ts';

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skip = !fs.existsSync(chromiumPath) && process.env.REQUIRE_BROWSER !== '1' ? `Chromium not found at ${chromiumPath}` : false;
// Generous bounds so a hung browser fails the run instead of stalling CI; a normal test takes seconds.
const bounded = { timeout: 60_000 };

const BODY = 'GG-AI'; // 경기도 AI국: two published demo services
const BODY_NAME = '경기도 AI국';
const OTHER_BODY = '과천시'; // no published service; stays unanswered
const TITLE = '2026년 하반기 AI 서비스 현황 조사';
const NOTE = '두 서비스 모두 공개 내용과 같게 운영 중입니다.';

let database: Database;
let app: FastifyInstance;
let browser: TestBrowser;
let page: Page;
let base: string;
const people = { officer: '', admin: '' };
let services: { publicId: string; name: string }[];
let campaignPath: string;
let taskPath: string;
const timings: string[] = [];

const seoulDay = (offsetDays = 0) => new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function goto(url: string, status = 200) {
  const response = await page.goto(base + url);
  assert.equal(response?.status(), status, url);
}

/** Signs in through the login form (after dropping any earlier session) and lands on the dashboard. */
async function logIn(email: string) {
  await browser.context.clearCookies();
  await goto('/office/login');
  await page.getByLabel('전자우편').fill(email);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/office');
}

const submit = (click: () => Promise<void>, status = 200) => submitForm(page, click, status);
const expectAccessible = (label: string, found: string[]) => collectAxeViolations(page, label, found, timings);
const taskRow = (bodyName: string) => page.locator('#tasks tbody tr').filter({ has: page.getByRole('link', { name: bodyName, exact: true }) });

describe('survey campaign in Chromium', { skip }, () => {
  before(async () => {
    ({ database, browser, app, base } = await startBrowserApp());
    people.officer = (await anAccount(database.db, 'officer', BODY)).email;
    people.admin = (await anAccount(database.db, 'admin')).email;
    services = (await searchServices(database.db, parseServiceFilter({ body: BODY }))).items.map((s) => ({ publicId: s.publicId, name: s.name }));
    assert.equal(services.length, 2, 'the demo body has two published services');
    page = await browser.context.newPage();
  }, { timeout: 90_000 });

  after(async () => {
    if (timings.length) console.log(timings.join('\n'));
    await stopBrowserApp({ browser, app, database });
  }, { timeout: 30_000 });

  test('an administrator opens a survey for two bodies through the form', bounded, async () => {
    const found: string[] = [];
    await logIn(people.admin);
    await page.getByRole('navigation', { name: '업무 메뉴' }).getByRole('link', { name: '조사', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/office/surveys');
    await expectAccessible('surveys (none yet)', found);
    await page.getByRole('link', { name: '새 조사 만들기' }).click();
    await page.waitForURL('**/office/surveys/new');
    await expectAccessible('new survey form', found);

    // Nothing filled in: every problem is listed and linked to its field.
    await submit(() => page.getByRole('button', { name: '조사 시작' }).click(), 400);
    const summary = page.locator('#error-summary');
    assert.match(await summary.locator('h2').innerText(), /입력 내용을 확인하십시오 \(4건\)/);
    for (const id of ['f-title', 'f-opensOn', 'f-deadline', 'f-bodies']) assert.equal(await summary.locator(`a[href="#${id}"]`).count(), 1, id);
    assert.equal(await page.getByLabel('조사 제목 (필수)').getAttribute('aria-invalid'), 'true');
    await expectAccessible('new survey form (with errors)', found);

    await page.getByLabel('조사 제목 (필수)').fill(TITLE);
    await page.getByLabel('시작일 (필수)').fill(seoulDay());
    await page.getByLabel('마감일 (필수)').fill(seoulDay(14));
    await page.getByLabel('설명 (선택)').fill('공개된 서비스가 지금도 맞는지, 새 AI 서비스가 있는지 알려 주십시오.');
    // Bodies one by one: open the disclosure, then tick the KRDS checkboxes by their labels.
    await page.locator('summary', { hasText: '기관을 하나씩 선택' }).click();
    for (const name of [BODY_NAME, OTHER_BODY]) {
      await page.locator('label', { hasText: new RegExp(`^${name}$`) }).click();
      assert.ok(await page.getByRole('checkbox', { name, exact: true }).isChecked(), name);
    }
    await submit(() => page.getByRole('button', { name: '조사 시작' }).click());
    await page.waitForURL((u) => /^\/office\/surveys\/\d+$/.test(u.pathname) && u.searchParams.get('done') === 'created');
    campaignPath = new URL(page.url()).pathname;
    assert.equal(await page.locator('h1').innerText(), TITLE);
    assert.match(await page.getByRole('status').innerText(), /조사를 시작했습니다/);
    assert.equal(await page.locator('#tasks tbody tr').count(), 2);
    assert.equal(await taskRow(BODY_NAME).getAttribute('data-status'), 'pending');
    await expectAccessible('campaign page (just opened)', found);
    noViolations(found);
  });

  test('the officer confirms each published service, declares no new service and submits', bounded, async () => {
    const found: string[] = [];
    await logIn(people.officer);
    await page.getByRole('navigation', { name: '업무 메뉴' }).getByRole('link', { name: '조사 응답' }).click();
    await page.waitForURL((u) => u.pathname === '/office/surveys/tasks');
    assert.equal(await page.locator('#my-tasks tbody tr').getAttribute('data-status'), 'pending');
    await expectAccessible('my survey tasks', found);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/office\/surveys\/tasks\/\d+$/);
    taskPath = new URL(page.url()).pathname;
    assert.match(await page.locator('#task-meta').innerText(), new RegExp(`^${BODY_NAME} · `));
    assert.equal(await page.locator('#services tbody tr').count(), services.length);
    await expectAccessible('task page (open)', found);

    // Submitting before anything is confirmed lists both missing steps.
    await submit(() => page.getByRole('button', { name: '응답 제출' }).click(), 400);
    const summary = page.locator('#error-summary');
    assert.equal(await summary.locator('a[href="#f-services"]').count(), 1);
    assert.equal(await summary.locator('a[href="#f-noNewService"]').count(), 1);
    await expectAccessible('task page (with errors)', found);

    for (const s of services) {
      await submit(() => page.getByRole('button', { name: `${s.name}: 변경 없음 확인` }).click());
      await page.waitForURL((u) => u.pathname === taskPath && u.searchParams.get('done') === 'confirmed');
      assert.equal(await page.locator(`#svc-${s.publicId}`).getAttribute('data-outcome'), 'unchanged', s.publicId);
    }
    assert.match(await page.getByRole('status').innerText(), /변경 없음/);
    await expectAccessible('task page (services confirmed)', found);

    await page.locator('label[for="f-noNewService"]').click();
    assert.ok(await page.getByRole('checkbox', { name: /^신규 AI 서비스가 없습니다/ }).isChecked());
    await page.getByLabel('의견 (선택)').fill(NOTE);
    await submit(() => page.getByRole('button', { name: '응답 제출' }).click());
    await page.waitForURL((u) => u.pathname === taskPath && u.searchParams.get('done') === 'answered');
    assert.match(await page.getByRole('status').innerText(), /응답을 제출했습니다/);
    const answer = await page.locator('#answer-summary').innerText();
    assert.match(answer, /신규 AI 서비스가 없다고 응답했습니다/);
    assert.ok(answer.includes(NOTE), answer);
    assert.equal(await page.getByRole('button', { name: '응답 제출' }).count(), 0, 'an answered task takes no second answer');
    await expectAccessible('task page (answered)', found);
    noViolations(found);
  });

  test('the administrator\'s campaign page shows the body as answered', bounded, async () => {
    const found: string[] = [];
    await logIn(people.admin);
    await goto(campaignPath);
    const row = taskRow(BODY_NAME);
    assert.equal(await row.getAttribute('data-status'), 'answered');
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.equal(cells[2], '응답 완료');
    assert.equal(cells[4], `${services.length} / ${services.length}`);
    assert.equal(await taskRow(OTHER_BODY).getAttribute('data-status'), 'pending');
    assert.match(await page.locator('#overall').innerText(), /응답 1 \/ 2 기관 \(50%\)/);
    await expectAccessible('campaign page (one answered)', found);

    await row.getByRole('link', { name: BODY_NAME }).click();
    await page.waitForURL((u) => u.pathname === taskPath);
    assert.ok((await page.locator('#answer-summary').innerText()).includes(NOTE));
    await expectAccessible('task page (administrator)', found);

    await page.getByRole('link', { name: '← 목록' }).click();
    await page.waitForURL((u) => u.pathname === campaignPath);
    await page.getByRole('link', { name: '← 조사 목록' }).click();
    await page.waitForURL((u) => u.pathname === '/office/surveys');
    assert.match(await page.locator('#campaigns').getByRole('row').filter({ hasText: TITLE }).innerText(), /1 \/ 2 \(50%\)/);
    await expectAccessible('surveys (one campaign)', found);
    noViolations(found);
  });
});
