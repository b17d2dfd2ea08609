import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** Waits for the navigation a form submission starts and checks its status (a 303 is followed by the browser). */
export async function submitForm(page: Page, click: () => Promise<void>, status = 200) {
  const [response] = await Promise.all([page.waitForEvent('response', (r) => r.request().isNavigationRequest() && r.request().method() === 'POST'), click()]);
  await page.waitForLoadState('load');
  if (response.status() !== 303) assert.equal(response.status(), status, `POST ${response.url()}`);
}

/**
 * Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now, without reloading it (pages shown after
 * a POST, such as an editor with errors, cannot be fetched again). Violations are collected in
 * `found` so a test reports every page at once; `timings` records how long each scan took.
 */
export async function collectAxeViolations(page: Page, label: string, found: string[], timings: string[]) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  assert.equal(await page.getAttribute('html', 'lang'), 'ko', label);
  const started = Date.now();
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  timings.push(`axe ${label}: ${Date.now() - started} ms`);
  if (result.violations.length) {
    const where = new URL(page.url()).pathname;
    found.push([`${label} (${where}):`, ...result.violations.flatMap((v) => [`  ${v.id} (${v.impact ?? 'n/a'}): ${v.help}`, ...v.nodes.map((n) => `      ${n.target.join(' ')}  ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)])].join('\n'));
  }
}

export const noViolations = (found: string[]) => assert.equal(found.length, 0, `axe violations:\n${found.join('\n')}`);
