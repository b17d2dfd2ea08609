// The public portal in a real browser (Debian's Chromium through playwright-core): search, facets,
// paging, detail, language switch, print styles, the Korean web font, and an axe scan of every
// public page in Korean and English. Screenshots of home and detail go to test-output/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/platform/db/database.ts';
import { startBrowserApp, stopBrowserApp } from '../support/browser-app.ts';
import type { TestBrowser } from '../support/browser.ts';

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const skip = !fs.existsSync(chromiumPath) && process.env.REQUIRE_BROWSER !== '1' ? `Chromium not found at ${chromiumPath}` : false;
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-output');

const PUBLIC_PAGES = ['/', '/services', '/services?q=진단', '/services/GG-2025-0001', '/services/GG-2025-0002', '/bodies', '/bodies/GGI-MEDICAL', '/statistics', '/data'];
const NOT_FOUND_PAGE = '/no-such-page';
// Generous bounds so a hung browser fails the run instead of stalling CI; a normal test takes seconds.
const bounded = { timeout: 60_000 };
const LONELY_DEATH = '인공지능 기반 고독사 예방 및 대응 서비스';

let database: Database;
let app: FastifyInstance;
let browser: TestBrowser;
let base: string;

/** A fresh tab; closed when `use` settles. */
async function withPage<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.context.newPage();
  try {
    return await use(page);
  } finally {
    await page.close();
  }
}

const withLang = (url: string, lang: 'ko' | 'en') => `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;
const countIn = (text: string) => Number(/([\d,]+)/.exec(text)?.[1].replace(/,/g, '') ?? NaN);

async function goto(page: Page, url: string, status = 200) {
  const response = await page.goto(base + url);
  assert.equal(response?.status(), status, url);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Opens `url` (optionally at a given viewport) and fails with axe's report if it finds a WCAG 2.1 A/AA violation. */
async function expectNoViolations(url: string, lang: 'ko' | 'en', status: number, viewport?: { width: number; height: number }) {
  await withPage(async (page) => {
    if (viewport) await page.setViewportSize(viewport);
    await goto(page, url, status);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    // Legacy mode runs axe in the page itself instead of opening an extra blank page per scan to
    // merge frame results (this portal has no iframes): it halves the time. Only violations are
    // aggregated in full; passes and incomplete results are not needed here.
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .setLegacyMode(true)
      .options({ resultTypes: ['violations'] })
      .analyze();
    const report = result.violations.flatMap((v) => [`${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, ...v.nodes.map((n) => `    ${n.target.join(' ')}`)]);
    assert.equal(result.violations.length, 0, `axe violations on ${url}${viewport ? ` at ${viewport.width} px` : ''}:\n${report.join('\n')}`);
  });
}

describe('public portal in Chromium', { skip }, () => {
  before(async () => {
    fs.mkdirSync(outDir, { recursive: true });
    ({ database, browser, app, base } = await startBrowserApp());
  }, { timeout: 90_000 });

  after(async () => {
    await stopBrowserApp({ browser, app, database });
  }, { timeout: 30_000 });

  describe('journeys', () => {
    test('home → search 고독사 with the form → the detail page with its figures; the Korean web font is used', bounded, async () => {
      await browser.context.clearCookies();
      await withPage(async (page) => {
        const fontResponses: number[] = [];
        page.on('response', (r) => { if (new URL(r.url()).pathname.startsWith('/krds/fonts/')) fontResponses.push(r.status()); });
        await goto(page, '/');
        assert.equal(await page.getAttribute('html', 'lang'), 'ko');
        assert.equal(await page.locator('h1').innerText(), '경기도 공공부문 AI 등록부');

        // Pretendard GOV really loaded and renders Hangul (this machine has no Korean system font).
        const font = await page.evaluate(() => ({
          check: document.fonts.check('16px "Pretendard GOV"', '가'),
          loaded: [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Pretendard GOV' && f.status === 'loaded').length,
          body: getComputedStyle(document.body).fontFamily,
        }));
        assert.ok(font.check, 'document.fonts.check("Pretendard GOV", 가)');
        assert.ok(font.loaded > 0, 'a Pretendard GOV face has status "loaded"');
        assert.match(font.body, /^"?Pretendard GOV/);
        assert.ok(fontResponses.length > 0 && fontResponses.every((s) => s === 200 || s === 304), `font responses: ${fontResponses.join(', ')}`);

        const home = path.join(outDir, 'home.png');
        await page.screenshot({ path: home, fullPage: true });

        const form = page.locator('form[role="search"]');
        await form.getByLabel('서비스 검색어').fill('고독사');
        await form.getByRole('button', { name: '검색' }).click();
        await page.waitForURL((u) => u.pathname === '/services' && u.searchParams.get('q') === '고독사');
        assert.match(await page.locator('#results-heading').innerText(), /검색 결과 [1-9]/);

        await page.getByRole('link', { name: LONELY_DEATH, exact: true }).click();
        await page.waitForURL(/\/services\/GG-\d{4}-\d{4,}$/);
        assert.equal(await page.locator('h1').innerText(), LONELY_DEATH);
        assert.match(await page.locator('main').innerText(), /1,304/);
        assert.equal(await page.title(), `${LONELY_DEATH} | 경기도 공공부문 AI 등록부`);
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const detail = path.join(outDir, 'detail.png');
        await page.screenshot({ path: detail, fullPage: true });

        for (const file of [home, detail]) {
          const size = fs.statSync(file).size;
          assert.ok(size > 20_000, `${path.basename(file)} is ${size} bytes`);
        }
      });
    });

    test('a field-of-use facet narrows the results and the count in the heading follows', bounded, async () => {
      await withPage(async (page) => {
        await goto(page, withLang('/services', 'ko'));
        const heading = page.locator('#results-heading');
        const total = countIn(await heading.innerText());
        assert.ok(total > 1, `total ${total}`);

        // The first field whose count is neither 0 nor everything.
        const options = await page.locator('#f-field option').evaluateAll((els) => els.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
        const choice = options.map((o) => ({ ...o, n: Number(/\((\d+)\)$/.exec(o.label)?.[1] ?? 0) })).find((o) => o.value && o.n > 0 && o.n < total);
        assert.ok(choice, 'a field with some but not all services');
        await page.getByLabel('활용 분야').selectOption(choice.value);
        await page.getByRole('button', { name: '적용' }).click();
        await page.waitForURL((u) => u.searchParams.get('field') === choice.value);

        const narrowed = countIn(await heading.innerText());
        assert.notEqual(narrowed, total);
        assert.equal(narrowed, choice.n, 'the heading count equals the count the option promised');
        assert.equal(await page.locator('.result-list > li').count(), Math.min(narrowed, 20));
        assert.equal(await page.locator('#f-field').inputValue(), choice.value, 'the chosen facet stays selected');
        const fieldLabel = choice.label.replace(/ \(\d+\)$/, '');
        for (const meta of await page.locator('.result-list > li .meta').allInnerTexts()) assert.ok(meta.endsWith(fieldLabel), meta);
      });
    });

    test('the paging links lead to the next page of results', bounded, async () => {
      await withPage(async (page) => {
        await goto(page, withLang('/services', 'ko'));
        const total = countIn(await page.locator('#results-heading').innerText());
        assert.ok(total > 20, `more than one page (${total})`);
        const pager = page.getByRole('navigation', { name: '페이지 이동' });
        assert.match(await pager.locator('[aria-current="page"]').innerText(), /1/);
        const first = await page.locator('.result-list h3').allInnerTexts();

        await pager.getByRole('link', { name: '2', exact: true }).click();
        await page.waitForURL((u) => u.searchParams.get('page') === '2');
        assert.match(await pager.locator('[aria-current="page"]').innerText(), /2/);
        const second = await page.locator('.result-list h3').allInnerTexts();
        assert.equal(second.length, Math.min(total - 20, 20));
        assert.ok(second.every((name) => !first.includes(name)), 'page 2 shows other services than page 1');

        await pager.getByRole('link', { name: '이전' }).click();
        await page.waitForURL((u) => !u.searchParams.has('page'));
        assert.deepEqual(await page.locator('.result-list h3').allInnerTexts(), first);
      });
    });

    test('the language switch goes to English and back', bounded, async () => {
      await withPage(async (page) => {
        await goto(page, withLang('/services/GG-2025-0001', 'ko'));
        const nav = page.getByRole('navigation', { name: '주 메뉴' });
        assert.equal(await page.getAttribute('html', 'lang'), 'ko');
        const korean = await page.locator('h1').innerText();

        await nav.getByRole('link', { name: 'English' }).click();
        await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        assert.equal(new URL(page.url()).pathname, '/services/GG-2025-0001', 'the switch stays on the same record');
        const english = await page.locator('h1').innerText();
        assert.notEqual(english, korean);
        assert.match(english, /[A-Za-z]/);
        const enNav = page.getByRole('navigation', { name: 'Main menu' });
        assert.ok(await enNav.getByRole('link', { name: 'Find services' }).isVisible());
        // Links inside English pages keep the language.
        await enNav.getByRole('link', { name: 'Find services' }).click();
        await page.waitForURL((u) => u.pathname === '/services');
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        assert.match(await page.locator('#results-heading').innerText(), /^Results \d/);

        await enNav.getByRole('link', { name: '한국어' }).click();
        await page.waitForURL((u) => u.searchParams.get('lang') === 'ko');
        assert.equal(await page.getAttribute('html', 'lang'), 'ko');
        assert.equal(await page.locator('h1').innerText(), '서비스 찾기');
        assert.match(await page.locator('#results-heading').innerText(), /^검색 결과 \d/);

        // The choice is remembered (cookie): a bare URL now answers in Korean.
        await goto(page, '/');
        assert.equal(await page.getAttribute('html', 'lang'), 'ko');
      });
    });

    test('printing a detail page hides the header navigation but keeps the content', bounded, async () => {
      await withPage(async (page) => {
        await goto(page, withLang('/services/GG-2025-0001', 'ko'));
        const nav = page.locator('.site-header nav');
        assert.ok(await nav.isVisible(), 'navigation visible on screen');
        await page.emulateMedia({ media: 'print' });
        assert.ok(await nav.isHidden(), 'navigation hidden in print');
        assert.ok(await page.locator('.site-footer').isHidden(), 'footer hidden in print');
        assert.ok(await page.locator('h1').isVisible(), 'title printed');
        assert.ok(await page.locator('#purpose').isVisible(), 'disclosure items printed');
        await page.emulateMedia({ media: 'screen' });
        assert.ok(await nav.isVisible(), 'navigation back on screen');
      });
    });
  });

  // Explicit ?lang= on every URL: these run two at a time in one context, so the language cookie
  // must not decide the language.
  describe('axe (WCAG 2.1 A and AA): no violations on any public page', { concurrency: 2 }, () => {
    const pages = [...PUBLIC_PAGES.map((url) => ({ url, status: 200 })), { url: NOT_FOUND_PAGE, status: 404 }];
    for (const { url, status } of pages) {
      for (const lang of ['ko', 'en'] as const) {
        test(`${url} (${lang})`, bounded, () => expectNoViolations(withLang(url, lang), lang, status));
      }
    }
    // On a phone, wide content (tables, code, the facet form) may turn into scrolling boxes.
    for (const url of ['/services', '/services/GG-2025-0001', '/bodies', '/data']) {
      test(`${url} (ko, 375 px wide)`, bounded, () => expectNoViolations(withLang(url, 'ko'), 'ko', 200, { width: 375, height: 800 }));
    }
  });
});
