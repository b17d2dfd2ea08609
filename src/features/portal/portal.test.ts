import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testApp } from '../../../test/support/app.ts';
import { aDisclosure } from '../../../test/support/factories.ts';
import { publishService } from '../services/services.service.ts';

const { database, app } = await testApp({ demo: true });
const html = { accept: 'text/html' };

describe('public portal', () => {
  test('every public page answers 200 in Korean and in English', async () => {
    for (const url of ['/', '/services', '/services?q=진단', '/services/GG-2025-0001', '/bodies', '/bodies/GGI-MEDICAL', '/statistics', '/data']) {
      const ko = await app.inject({ url: encodeURI(url), headers: html });
      assert.equal(ko.statusCode, 200, url);
      assert.match(ko.body, /<html lang="ko">/, url);
      const en = await app.inject({ url: encodeURI(url) + (url.includes('?') ? '&' : '?') + 'lang=en', headers: html });
      assert.equal(en.statusCode, 200, url);
      assert.match(en.body, /<html lang="en">/, url);
    }
  });

  test('home shows counts and the newest changes', async () => {
    const res = await app.inject({ url: '/', headers: html });
    assert.match(res.body, /공개된 AI 서비스/);
    assert.match(res.body, /최근 변경/);
    assert.match(res.body, /예시 데이터 24건/);
  });

  test('the detail page shows every disclosure group, the real figures and marks examples', async () => {
    const real = (await app.inject({ url: '/services/GG-2025-0001', headers: html })).body;
    for (const heading of ['AI 도입 목적', '활용 분야', '사용 데이터와 출처', '개인정보 여부 및 근거', '도입 효과·성과', '윤리적 고려사항', '인공지능기본법 분류', '변경 이력']) {
      assert.ok(real.includes(heading), heading);
    }
    assert.match(real, /1,304/);
    assert.match(real, /application\/ld\+json/);
    assert.doesNotMatch(real, /krds-badge bg-warning/);
    const example = (await app.inject({ url: '/services/GG-2025-0003', headers: html })).body;
    assert.match(example, /예시 데이터입니다/);
  });

  test('search and facets work without JavaScript (plain GET forms and links)', async () => {
    const res = await app.inject({ url: '/services?q=%EB%B3%B5%EC%A7%80&field=welfare', headers: html });
    assert.match(res.body, /<form method="get" action="\/services"/);
    assert.match(res.body, /복지 사각지대/);
    assert.match(res.body, /<option value="welfare" selected>/);
  });

  test('bad query parameters give a 400 page in Korean, not a 500', async () => {
    const res = await app.inject({ url: '/services?page=-1', headers: html });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /페이지/);
    assert.equal((await app.inject({ url: '/services/GG-1', headers: html })).statusCode, 404);
    assert.equal((await app.inject({ url: '/bodies/%3Cx%3E', headers: html })).statusCode, 404);
  });

  test('text from a record is escaped on every page that shows it', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const s = await publishService(database.db, {
      bodyCode: 'GG-AI',
      disclosure: aDisclosure({ name: { ko: `XSS ${payload}`, en: payload }, summary: { ko: payload }, purpose: { ko: payload }, department: payload }),
    });
    for (const url of [`/services/${s.publicId}`, '/services?q=XSS', '/', '/bodies/GG-AI', `/services/${s.publicId}?lang=en`]) {
      // Inside a double-quoted attribute value `<` is inert; everywhere else it must be escaped.
      const body = (await app.inject({ url, headers: html })).body.replace(/="[^"]*"/g, '=""');
      assert.ok(!body.includes('<script>alert(1)'), url);
      assert.ok(!body.includes('<img src=x'), url);
      assert.ok(body.includes('&lt;script'), url);
    }
  });

  test('security headers and local KRDS assets with the Pretendard GOV font', async () => {
    const res = await app.inject({ url: '/', headers: html });
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    // on every answer: pages, the API, errors and static files
    for (const url of ['/api/v1/services', '/no-such-page', '/krds/css/component/component.css']) {
      const r = await app.inject({ url });
      assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin', url);
    }
    assert.equal((await app.inject('/krds/css/component/component.css')).statusCode, 200);
    assert.equal((await app.inject('/krds/fonts/PretendardGOV-Regular.subset.woff2')).statusCode, 200);
    const css = (await app.inject('/assets/app.css')).body;
    assert.match(css, /@font-face\s*{\s*font-family: 'Pretendard GOV'/);
    assert.doesNotMatch(res.body, /https?:\/\/(cdn|www\.krds)/);
  });
});
