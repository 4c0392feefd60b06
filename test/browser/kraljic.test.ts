import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { openAppWithDemo, outsideRequests, screenshot, SCREENSHOT_DIR } from '../support/app-page.js';

const QUADRANTS = ['strategic', 'leverage', 'bottleneck', 'non-critical'] as const;
const value = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
const counts = async (page: Page) => Object.fromEntries(await Promise.all(QUADRANTS.map(async (q) => [q, await value(page, `kraljic-quadrant-${q}`)])));
const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(400);
};

describe('Kraljic matrix on Demo Kommune', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('plots the categories in four quadrants; an override moves one; the opportunities link to the list', async () => {
    const { page, requests } = await openAppWithDemo(browser);
    await page.evaluate(() => (window.location.hash = '#/opportunities'));
    await page.waitForSelector('[data-testid="savings-total"]', { timeout: 120_000 });
    await settled(page);

    await page.click('[data-testid="opp-tab-kraljic"]');
    await page.waitForSelector('[data-testid="kraljic-matrix"]', { timeout: 120_000 });
    await settled(page);
    const plotted = await value(page, 'kraljic-matrix');
    expect(plotted).toBeGreaterThan(30);
    const before = await counts(page);
    console.log('kraljic counts', plotted, before);
    for (const q of QUADRANTS) expect(before[q], q).toBeGreaterThan(0);
    expect(QUADRANTS.reduce((a, q) => a + before[q]!, 0)).toBeGreaterThanOrEqual(plotted);
    expect(await page.locator('[data-testid="kraljic-chart"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="kraljic-quadrant-leverage"] h3').textContent()).toMatch(/^Løftestang/);

    // The table lists strategic categories first; set the first one's risk to low: it becomes leverage.
    const select = page.locator('[data-testid="kraljic-table"] select').first();
    const testId = (await select.getAttribute('data-testid'))!;
    expect(await select.inputValue()).toBe('');
    await select.selectOption('low');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kraljic-quadrant-strategic"]')?.getAttribute('data-value')) === n, before.strategic! - 1);
    await settled(page);
    expect(await counts(page)).toEqual({ ...before, strategic: before.strategic! - 1, leverage: before.leverage! + 1 });
    expect(await page.locator(`[data-testid="${testId}"]`).inputValue()).toBe('low');
    // The largest points sit at the right; hover one for its tooltip.
    const tooltip = page.locator('[data-testid="kraljic-chart"] div:has-text("Risikoscore")');
    await page.locator('[data-testid="kraljic-chart"]').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-testid="kraljic-chart"]').boundingBox())!;
    for (let x = box.width - 40; x > box.width * 0.6; x -= 6) {
      await page.mouse.move(box.x + x, box.y + box.height * 0.8);
      if (await tooltip.count()) break;
    }
    expect(await tooltip.first().textContent()).toMatch(/Risikoscore \d,\d\d → (Lav|Høj).*Få leverandører: \d+ står for 80 %.*Marked: /);
    await page.locator('[data-testid="kraljic-chart"]').screenshot({ path: path.join(SCREENSHOT_DIR, 'kraljic-chart-tooltip-da.png') });
    await screenshot(page, 'kraljic-da');

    // English, through the language switch; the override is still there.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await settled(page);
    expect(await page.locator('[data-testid="kraljic-quadrant-leverage"] h3').textContent()).toMatch(/^Leverage/);
    expect(await counts(page)).toEqual({ ...before, strategic: before.strategic! - 1, leverage: before.leverage! + 1 });
    await screenshot(page, 'kraljic-en');

    // Back to the computed level.
    await page.locator(`[data-testid="${testId}"]`).selectOption('');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kraljic-quadrant-strategic"]')?.getAttribute('data-value')) === n, before.strategic!);
    expect(await counts(page)).toEqual(before);

    // An opportunity badge opens the list, filtered to its kind.
    const badge = page.locator('[data-testid="kraljic-table"] .kraljic-opps button').first();
    const kind = (await badge.getAttribute('class'))!.match(/kind-([a-z-]+)$/)![1]!;
    await badge.click();
    await page.waitForSelector('[data-testid="opportunity-list"]');
    expect(await page.locator('[data-testid="opportunity-kind"]').inputValue()).toBe(kind);
    expect(await page.locator('[data-testid="opportunity"]').count()).toBeGreaterThan(0);
    expect(outsideRequests(requests)).toEqual([]);
  }, 400_000);
});
