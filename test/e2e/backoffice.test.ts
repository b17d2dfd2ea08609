// The back office in a real browser (Debian's Chromium through playwright-core), driven through its
// forms the way people use it: an officer registers a service and submits it (first with missing
// items, then complete); a reviewer returns it with a comment on one item; the officer fixes and
// resubmits; the reviewer publishes; the public page shows it. Then a change proposal with its
// reason is published and the diff page and the service's Atom feed show it. Every back-office page
// reached on the way (and the administrators' pages) gets an axe scan (WCAG 2.1 A and AA) that must
// find nothing. Screenshots of the editor and the review page go to test-output/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { askQuestion } from '../../src/features/questions/questions.service.ts';
import { searchServices } from '../../src/features/services/services.search.ts';
import { parseServiceFilter } from '../../src/features/services/services.filter.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { startBrowserApp, stopBrowserApp } from '../support/browser-app.ts';
import { anAccount, PASSWORD } from '../support/accounts.ts';
import { collectAxeViolations, noViolations, submitForm } from '../support/office-page.ts';
import type { TestBrowser } from '../support/browser.ts';

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skip = !fs.existsSync(chromiumPath) && process.env.REQUIRE_BROWSER !== '1' ? `Chromium not found at ${chromiumPath}` : false;
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-output');
// Generous bounds so a hung browser fails the run instead of stalling CI; a normal test takes seconds.
const bounded = { timeout: 60_000 };

const BODY = '41110'; // 수원시: one published demo service
const NAME = '수원시 AI 민원 요약 도우미';
const PURPOSE_FIRST = '민원 답변 작성 시간을 줄이기 위해 도입했습니다.';
const PURPOSE_FIXED = '민원 처리 시간이 길어 요약 AI를 도입했습니다. 배경: 2024년 민원 30% 증가.';
const RETURN_COMMENT = '도입 배경을 더 구체적으로 적어 주십시오.';
const EFFECTS_FIRST = '민원 한 건의 요약 시간이 평균 12분에서 3분으로 줄었습니다.';
const EFFECTS_CHANGED = '민원 한 건의 요약 시간이 평균 12분에서 2분으로 줄었습니다 (2025년 하반기 측정).';
const CHANGE_REASON = '2025년 하반기 성과 측정 결과를 반영했습니다.';

let database: Database;
let app: FastifyInstance;
let browser: TestBrowser;
let page: Page;
let base: string;
const people = { officer: '', reviewer: '', admin: '' };
let suwonService: { publicId: string; name: string };
let questionId: number;
let draftId: number;
let publicId: string;
const timings: string[] = [];

/** Signs in through the login form (after dropping any earlier session) and lands on the dashboard. */
async function logIn(email: string, scan?: string[]) {
  await browser.context.clearCookies();
  await goto('/office/login');
  if (scan) await expectAccessible('login', scan);
  await page.getByLabel('전자우편').fill(email);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/office');
}

async function goto(url: string, status = 200) {
  const response = await page.goto(base + url);
  assert.equal(response?.status(), status, url);
}

const submit = (click: () => Promise<void>, status = 200) => submitForm(page, click, status);
const expectAccessible = (label: string, found: string[]) => collectAxeViolations(page, label, found, timings);

/** Clicks the visible label of a KRDS radio or checkbox (the native input is visually hidden). */
async function choose(group: string, option: string) {
  const fieldset = page.getByRole('group', { name: group, exact: true });
  await fieldset.locator('label', { hasText: new RegExp(`^${option}$`) }).click();
  assert.ok(await fieldset.getByRole(/아니오|예/.test(option) ? 'radio' : 'checkbox', { name: option, exact: true }).isChecked(), `${group}: ${option}`);
}

async function screenshot(name: string) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, fullPage: true });
  const size = fs.statSync(file).size;
  assert.ok(size > 20_000, `${name} is ${size} bytes`);
}

const editor = () => page.locator('form.editor');
const errorSummary = () => page.locator('#error-summary');

describe('back office in Chromium', { skip }, () => {
  before(async () => {
    fs.mkdirSync(outDir, { recursive: true });
    ({ database, browser, app, base } = await startBrowserApp());
    people.officer = (await anAccount(database.db, 'officer', BODY)).email;
    people.reviewer = (await anAccount(database.db, 'reviewer')).email;
    people.admin = (await anAccount(database.db, 'admin')).email;
    const [first] = (await searchServices(database.db, parseServiceFilter({ body: BODY }))).items;
    suwonService = { publicId: first.publicId, name: first.name };
    // A resident's question about the body's service, for the officer's question pages.
    questionId = (await askQuestion(database.db, first.publicId, { kind: 'question', text: '이 서비스는 주말에도 운영하나요?' }, { ipHash: 'e2e' })).id;
    page = await browser.context.newPage();
  }, { timeout: 90_000 });

  after(async () => {
    if (timings.length) console.log(timings.join('\n'));
    await stopBrowserApp({ browser, app, database });
  }, { timeout: 30_000 });

  test('an officer registers a service: saves a partial draft and sees what is missing when submitting it', bounded, async () => {
    const found: string[] = [];
    await logIn(people.officer, found);
    assert.equal(await page.locator('h1').innerText(), '업무 현황');
    await expectAccessible('dashboard (officer)', found);

    await submit(() => page.getByRole('button', { name: '새 AI 서비스 등록' }).click());
    await page.waitForURL(/\/office\/drafts\/\d+$/);
    draftId = Number(/\/office\/drafts\/(\d+)$/.exec(page.url())![1]);
    assert.equal(await page.locator('h1').innerText(), '새 AI 서비스 등록');
    await expectAccessible('editor (empty)', found);

    // A partial draft saves at any time.
    await page.getByLabel('서비스명 (한국어) (필수)').fill(NAME);
    await submit(() => page.getByRole('button', { name: '임시 저장' }).click());
    assert.equal(await page.getByRole('status').innerText(), '저장했습니다.');
    assert.equal(await page.getByLabel('서비스명 (한국어) (필수)').inputValue(), NAME);

    // Submitting it lists every missing item, each linked to its field.
    await submit(() => page.getByRole('button', { name: '검토 요청 (제출)' }).click(), 400);
    assert.match(await errorSummary().locator('h2').innerText(), /^입력 내용을 확인하십시오 \(\d+건\)$/);
    const summaryLink = errorSummary().getByRole('link', { name: /「서비스 요약」/ });
    assert.equal(await summaryLink.getAttribute('href'), '#f-summary-ko');
    assert.ok(await errorSummary().locator('a[href="#f-aiAct-domain"]').count(), 'the AI Act domain is listed');
    assert.equal(await page.locator('#f-summary-ko').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#f-summary-ko-error').innerText(), /서비스 요약/);
    // A missing yes/no answer is reported on its group.
    assert.ok(await page.locator('fieldset#f-personalInfo-processesPersonal.has-error').count(), 'the yes/no group is marked');
    await summaryLink.click();
    assert.equal(new URL(page.url()).hash, '#f-summary-ko');
    await expectAccessible('editor (with errors)', found);
    noViolations(found);
  });

  test('the officer fills every kind of field, previews the record and submits it', bounded, async () => {
    const found: string[] = [];
    // Still signed in as the officer, on the editor.
    assert.equal(new URL(page.url()).pathname, `/office/drafts/${draftId}`);
    // Every kind of control: text, textareas, selects, dates, KRDS radios and checkboxes.
    await page.getByLabel('서비스명 (영문)').fill('Suwon AI complaint summariser');
    await page.getByLabel('서비스 요약 (한국어) (필수)').fill('민원 내용을 AI가 요약해 담당 공무원의 답변 작성을 돕습니다.');
    await page.getByLabel('운영 상태 (필수)').selectOption({ label: '운영 중' });
    await page.getByLabel('운영 시작일').fill('2025-03-01');
    await page.getByLabel('활용 분야 (필수)').selectOption({ label: '민원·상담' });
    await choose('기술 유형 (필수)', '자연어 처리');
    await choose('기술 유형 (필수)', '생성형 AI');
    await page.getByLabel('AI 도입 목적 (도입 배경 포함) (한국어) (필수)').fill(PURPOSE_FIRST);
    await page.getByLabel('사용 데이터 설명 (한국어) (필수)').fill('수원시 새올 민원 기록 (개인정보는 가린 뒤 사용)');
    await page.getByLabel('데이터 이름 1').fill('새올 민원 기록');
    await page.getByLabel('출처 기관', { exact: true }).first().fill('수원시');
    await page.getByLabel('종류', { exact: true }).first().selectOption({ label: '행정 데이터' });
    await choose('개인정보 처리 여부 (필수)', '아니오');
    await choose('민감정보 처리 여부 (필수)', '아니오');
    await choose('고유식별정보 처리 여부 (필수)', '아니오');
    await choose('자동화된 결정 여부 (제37조의2) (필수)', '아니오');
    await page.getByLabel('개인정보 영향평가 (필수)').selectOption({ label: '대상 아님' });
    await page.getByLabel('도입 효과·성과 (한국어) (필수)').fill(EFFECTS_FIRST);
    await page.getByLabel('지표 이름 1').fill('요약 건수');
    await page.getByLabel('단위', { exact: true }).first().fill('건');
    await page.getByLabel(/^값 \(한 줄에 하나/).first().fill('2025-06-30,1200\n2025-12-31,2600');
    await page.getByLabel('윤리적 고려사항 요약 (한국어) (필수)').fill('요약 결과는 담당자가 원문과 대조해 확인한 뒤에만 답변에 씁니다.');
    await page.getByLabel('고영향 영역 (필수)').selectOption({ label: '해당 없음' });
    await page.getByLabel('영향의 종류 (필수)').selectOption({ label: '중대한 영향 없음' });
    await choose('사람의 최종 결정 관여 (필수)', '예');
    await choose('생성형 AI 여부 (필수)', '예');
    await page.getByLabel('생성물 표시 방법').fill('답변 초안에 「AI 요약」 표시');
    await page.getByLabel('사람의 관리·감독 (한국어) (필수)').fill('담당 공무원이 모든 요약을 검토합니다.');
    await page.getByLabel('이의 제기·사람의 결정 요청 방법 (한국어) (필수)').fill('민원 담당 부서(031-228-0000)에 요청하면 담당자가 직접 다시 처리합니다.');
    await page.getByLabel('문의 부서', { exact: true }).fill('수원시 정보통신과');
    await page.getByLabel('전화번호', { exact: true }).fill('031-228-0000');
    await page.getByLabel('전자우편', { exact: true }).fill('ai@suwon.example.go.kr');

    await submit(() => page.getByRole('button', { name: '임시 저장' }).click());
    assert.equal(await page.getByRole('status').innerText(), '저장했습니다.');
    assert.equal(await errorSummary().count(), 0);
    // What was chosen is still chosen after the round trip.
    assert.ok(await page.getByRole('group', { name: '생성형 AI 여부 (필수)' }).getByRole('radio', { name: '예' }).isChecked());
    assert.ok(await page.getByRole('group', { name: '기술 유형 (필수)' }).getByRole('checkbox', { name: '자연어 처리' }).isChecked());
    assert.equal(await page.getByLabel('개인정보 영향평가 (필수)').inputValue(), 'not_required');

    // The preview shows the record as the public will see it.
    await page.getByRole('link', { name: '공개 화면 미리보기' }).click();
    await page.waitForURL(/\/preview$/);
    assert.equal(await page.locator('h1').innerText(), NAME);
    assert.match(await page.locator('main').innerText(), new RegExp(EFFECTS_FIRST.slice(0, 20)));
    await expectAccessible('preview', found);
    await goto(`/office/drafts/${draftId}`);

    await submit(() => page.getByRole('button', { name: '검토 요청 (제출)' }).click());
    await page.waitForURL((u) => u.pathname === '/office' && u.searchParams.get('submitted') === String(draftId));
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) });
    assert.equal(await row.getByRole('cell').nth(2).innerText(), '검토 요청됨');
    noViolations(found);
  });

  test('the reviewer finds it in the queue and returns it with a comment on one item', bounded, async () => {
    const found: string[] = [];
    await logIn(people.reviewer);
    await expectAccessible('dashboard (reviewer)', found);
    await page.getByRole('navigation', { name: '업무 메뉴' }).getByRole('link', { name: '검토 대기' }).click();
    await page.waitForURL((u) => u.pathname === '/office/review');
    await expectAccessible('review queue', found);
    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL(`**/office/review/${draftId}`);
    assert.equal(await page.locator('h1').innerText(), `검토: ${NAME}`);
    const purposeRow = page.getByRole('row', { name: /^AI 도입 목적 \(도입 배경 포함\) \(한국어\)/ });
    assert.match(await purposeRow.innerText(), new RegExp(PURPOSE_FIRST));
    // Code lists and yes/no answers read as words, not codes.
    assert.equal(await page.getByRole('row', { name: /^활용 분야/ }).getByRole('cell').first().innerText(), '민원·상담');
    assert.equal(await page.getByRole('row', { name: /^생성형 AI 여부/ }).getByRole('cell').first().innerText(), '예');
    assert.equal(await page.getByRole('row', { name: /^기술 유형/ }).getByRole('cell').first().innerText(), '자연어 처리, 생성형 AI');
    await expectAccessible('review page', found);
    await screenshot('backoffice-review.png');

    // A return needs a comment.
    await submit(() => page.getByRole('button', { name: '보완 요청' }).click(), 400);
    assert.ok(await page.getByRole('alert').first().isVisible());
    const comment = page.getByLabel('의견', { exact: true });
    assert.equal(await comment.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(`#${await comment.getAttribute('aria-describedby')}`).innerText(), /의견을 하나 이상/);
    await expectAccessible('review page (with errors)', found);

    await page.getByLabel('의견을 달 항목').selectOption({ label: 'AI 도입 목적 (도입 배경 포함) (한국어)' });
    await comment.fill(RETURN_COMMENT);
    await submit(() => page.getByRole('button', { name: '보완 요청' }).click());
    await page.waitForURL((u) => u.pathname === '/office/review');
    assert.equal(await page.getByRole('link', { name: NAME }).count(), 0, 'no longer waiting');
    noViolations(found);
  });

  test('the officer sees the comment next to the item, fixes it and resubmits', bounded, async () => {
    const found: string[] = [];
    await logIn(people.officer);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) });
    assert.equal(await row.getByRole('cell').nth(2).innerText(), '보완 요청됨');
    await row.getByRole('link', { name: NAME }).click();
    await page.waitForURL(`**/office/drafts/${draftId}`);
    const purpose = page.getByLabel('AI 도입 목적 (도입 배경 포함) (한국어) (필수)');
    const comment = page.locator('.form-group', { has: purpose }).locator('.comment');
    assert.equal(await comment.innerText(), `검토 의견: ${RETURN_COMMENT}`);
    assert.ok(await comment.isVisible());
    await expectAccessible('editor (with review comments)', found);
    await screenshot('backoffice-editor.png');

    await purpose.fill(PURPOSE_FIXED);
    await submit(() => page.getByRole('button', { name: '검토 요청 (제출)' }).click());
    await page.waitForURL((u) => u.pathname === '/office' && u.searchParams.has('submitted'));
    assert.equal(await page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) }).getByRole('cell').nth(2).innerText(), '검토 요청됨');
    // The officer signs out with the button in the menu bar.
    await submit(() => page.getByRole('button', { name: '로그아웃' }).click());
    await page.waitForURL((u) => u.pathname === '/office/login');
    noViolations(found);
  });

  test('the reviewer publishes it and the public page shows it', bounded, async () => {
    const found: string[] = [];
    await logIn(people.reviewer);
    await goto(`/office/review/${draftId}`);
    assert.match(await page.getByRole('row', { name: /^AI 도입 목적 \(도입 배경 포함\) \(한국어\)/ }).innerText(), new RegExp(PURPOSE_FIXED.slice(0, 20)));
    await submit(() => page.getByRole('button', { name: '검토 완료, 공개 게시' }).click());
    await page.waitForURL(/\/services\/GG-\d{4}-\d{4,}$/);
    publicId = /\/services\/(GG-\d{4}-\d{4,})$/.exec(page.url())![1];
    assert.equal(await page.locator('h1').innerText(), NAME);
    const main = await page.locator('main').innerText();
    assert.match(main, /배경: 2024년 민원 30% 증가/);
    assert.match(main, new RegExp(publicId));
    await expectAccessible('published page', found);
    noViolations(found);
  });

  test('a change proposal needs a reason; published, the diff and the Atom feed show it', bounded, async () => {
    const found: string[] = [];
    await logIn(people.officer);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: NAME }) }).filter({ hasText: publicId });
    await submit(() => row.getByRole('button', { name: '변경 제안' }).click());
    await page.waitForURL(/\/office\/drafts\/\d+$/);
    const changeId = Number(/\/office\/drafts\/(\d+)$/.exec(page.url())![1]);
    assert.equal(await page.locator('h1').innerText(), `변경 제안: ${publicId}`);
    assert.equal(await page.getByLabel('AI 도입 목적 (도입 배경 포함) (한국어) (필수)').inputValue(), PURPOSE_FIXED, 'starts from the published text');
    await expectAccessible('editor (change proposal)', found);

    await page.getByLabel('도입 효과·성과 (한국어) (필수)').fill(EFFECTS_CHANGED);
    await submit(() => page.getByRole('button', { name: '검토 요청 (제출)' }).click(), 400);
    assert.ok(await errorSummary().locator('a[href="#f-changeReason"]').count(), 'the missing reason is listed');
    assert.equal(await page.getByLabel('도입 효과·성과 (한국어) (필수)').inputValue(), EFFECTS_CHANGED, 'the change is kept');
    await expectAccessible('editor (change proposal, with errors)', found);
    await page.getByLabel('변경 사유 (필수)').fill(CHANGE_REASON);
    await submit(() => page.getByRole('button', { name: '검토 요청 (제출)' }).click());
    await page.waitForURL((u) => u.pathname === '/office' && u.searchParams.get('submitted') === String(changeId));

    await logIn(people.reviewer);
    await goto(`/office/review/${changeId}`);
    assert.match(await page.locator('main').innerText(), new RegExp(`변경 사유: ${CHANGE_REASON}`));
    const effects = page.getByRole('row', { name: /^도입 효과·성과 \(한국어\)/ });
    assert.match(await effects.getByRole('rowheader').innerText(), /\(변경됨\)$/);
    await expectAccessible('review page (change proposal)', found);
    await submit(() => page.getByRole('button', { name: '검토 완료, 공개 게시' }).click());
    await page.waitForURL((u) => u.pathname === `/services/${publicId}`);
    assert.match(await page.locator('main').innerText(), /2분으로 줄었습니다/);

    // The public diff: the changed item with its before and after, and the reason.
    await goto(`/services/${publicId}/diff`);
    const diff = page.locator('main');
    assert.match(await diff.innerText(), new RegExp(CHANGE_REASON));
    const changed = page.locator('tr[data-change]:not([data-change="unchanged"])');
    const keys = await changed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    assert.ok(keys.some((k) => k?.startsWith('effects')), `changed items: ${keys.join(', ')}`);
    const effectsRow = changed.filter({ hasText: EFFECTS_CHANGED });
    assert.equal(await effectsRow.count(), 1);
    assert.match(await effectsRow.innerText(), new RegExp(EFFECTS_FIRST.slice(0, 25)));
    await expectAccessible('public diff', found);

    const feed = await page.request.get(`${base}/feeds/services/${publicId}.atom`);
    assert.equal(feed.status(), 200);
    assert.match(feed.headers()['content-type'], /application\/atom\+xml/);
    const xml = await feed.text();
    assert.equal((xml.match(/<entry>/g) ?? []).length, 2, 'two versions, two entries');
    assert.ok(xml.includes(CHANGE_REASON), 'the feed carries the reason for the change');
    noViolations(found);
  });

  test('the officer\'s other pages: account, questions (answered in the browser), import, discontinue', bounded, async () => {
    const found: string[] = [];
    await logIn(people.officer);
    const menu = page.getByRole('navigation', { name: '업무 메뉴' });
    await menu.getByRole('link', { name: '내 계정' }).click();
    await page.waitForURL('**/office/account');
    await expectAccessible('account (officer)', found);

    await menu.getByRole('link', { name: '도민 질문' }).click();
    await page.waitForURL('**/office/questions');
    await expectAccessible('questions list (officer)', found);
    await page.getByRole('link', { name: '이 서비스는 주말에도 운영하나요?' }).click();
    await page.waitForURL(`**/office/questions/${questionId}`);
    await expectAccessible('question answer page', found);
    await submit(() => page.getByRole('button', { name: '답변 공개' }).click(), 400);
    await expectAccessible('question answer page (with errors)', found);
    await page.getByLabel('답변 (필수)').fill('평일 09시부터 18시까지 운영합니다.');
    await submit(() => page.getByRole('button', { name: '답변 공개' }).click());
    await page.waitForURL((u) => u.pathname === '/office/questions' && u.searchParams.get('done') === 'answered');
    assert.match(await page.getByRole('status').innerText(), /답변을 등록했습니다/);
    await expectAccessible('questions list (after answering)', found);

    await goto('/office');
    await page.getByRole('link', { name: '엑셀·CSV로 여러 건 등록' }).click();
    await page.waitForURL('**/office/import');
    await expectAccessible('import', found);

    await goto('/office');
    const row = page.getByRole('row').filter({ hasText: suwonService.publicId });
    await row.getByRole('link', { name: '운영 중단' }).click();
    await page.waitForURL(`**/office/services/${suwonService.publicId}/discontinue`);
    assert.equal(await page.locator('h1').innerText(), `운영 중단: ${suwonService.name}`);
    await expectAccessible('discontinue', found);
    noViolations(found);
  });

  test('the administrator\'s pages: accounts, audit log, overview, questions', bounded, async () => {
    const found: string[] = [];
    await logIn(people.admin);
    await expectAccessible('dashboard (admin)', found);
    const menu = page.getByRole('navigation', { name: '업무 메뉴' });
    await menu.getByRole('link', { name: '계정 관리' }).click();
    await page.waitForURL('**/office/admin/accounts');
    await expectAccessible('admin accounts', found);
    await submit(() => page.getByRole('button', { name: '계정 만들기' }).click(), 400);
    await expectAccessible('admin accounts (with errors)', found);
    await goto('/office/admin/accounts');
    await page.getByRole('row').filter({ hasText: people.officer }).getByRole('link', { name: /^관리/ }).click();
    await page.waitForURL(/\/office\/admin\/accounts\/\d+$/);
    await expectAccessible('admin account', found);

    await menu.getByRole('link', { name: '감사 기록' }).click();
    await page.waitForURL('**/office/admin/audit');
    assert.ok(await page.getByRole('table').count(), 'the audit log has rows');
    // KRDS hides legends: the filter's title is repeated visibly, and the legend still names the group.
    assert.ok(await page.locator('form h2.section-title', { hasText: '검색 조건' }).isVisible());
    assert.equal(await page.getByRole('group', { name: '검색 조건' }).count(), 1);
    await expectAccessible('admin audit', found);
    await menu.getByRole('link', { name: '기관별 현황' }).click();
    await page.waitForURL('**/office/admin/overview');
    await expectAccessible('admin overview', found);
    await menu.getByRole('link', { name: '도민 질문' }).click();
    await page.waitForURL('**/office/questions');
    await expectAccessible('questions list (admin)', found);
    await page.getByRole('link', { name: '기관별 미답변 현황' }).click();
    await page.waitForURL('**/office/admin/questions');
    await expectAccessible('questions backlog (admin)', found);
    await menu.getByRole('link', { name: '내 계정' }).click();
    await page.waitForURL('**/office/account');
    await expectAccessible('account (admin)', found);
    noViolations(found);
  });

  test('the reviewer\'s other pages: overview, questions, account', bounded, async () => {
    const found: string[] = [];
    await logIn(people.reviewer);
    const menu = page.getByRole('navigation', { name: '업무 메뉴' });
    await menu.getByRole('link', { name: '기관별 현황' }).click();
    await page.waitForURL('**/office/admin/overview');
    await expectAccessible('admin overview (reviewer)', found);
    await menu.getByRole('link', { name: '도민 질문' }).click();
    await page.waitForURL('**/office/questions');
    await expectAccessible('questions list (reviewer)', found);
    await menu.getByRole('link', { name: '내 계정' }).click();
    await page.waitForURL('**/office/account');
    await expectAccessible('account (reviewer)', found);
    noViolations(found);
  });
});
