import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { openAppWithDemo, outsideRequests, screenshot } from '../support/app-page.js';

const value = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
/** Waits until nothing on the screen is loading, then lets it paint. */
const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(400);
};
/** Waits until the savings total differs from `before` (the opportunities were recomputed). */
const totalChanged = async (page: Page, before: number) => {
  await page.waitForFunction(
    (b) => {
      const el = document.querySelector('[data-testid="savings-total"]');
      return el && el.getAttribute('aria-busy') !== 'true' && Number(el.getAttribute('data-value')) !== b;
    },
    before,
    { timeout: 120_000 },
  );
  await settled(page);
  return value(page, 'savings-total');
};
const tab = async (page: Page, id: 'list' | 'plan' | 'assumptions') => {
  await page.click(`[data-testid="opp-tab-${id}"]`);
  await settled(page);
};
/** Base savings of the cards of some kinds (the list tab, all kinds). */
const cardSum = (page: Page, kinds: string[]) =>
  page.$$eval(
    '[data-testid="opportunity"]',
    (els, ks) => els.filter((e) => ks.includes(e.getAttribute('data-kind') ?? '')).reduce((a, e) => a + Number(e.getAttribute('data-savings')), 0),
    kinds,
  );
const waves = async (page: Page) => [await value(page, 'action-plan-wave-1'), await value(page, 'action-plan-wave-2'), await value(page, 'action-plan-wave-3')];

describe('opportunities screen on Demo Kommune: editable assumptions and the action plan', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('rates and thresholds are edited and saved, the savings recompute, the action plan shows three waves', async () => {
    const { page, requests } = await openAppWithDemo(browser);

    await go(page, '#/opportunities');
    await page.waitForSelector('[data-testid="savings-total"]', { timeout: 120_000 });
    await settled(page);
    const total0 = await value(page, 'savings-total');
    expect(total0).toBeGreaterThan(0);
    const pct0 = await cardSum(page, ['tender', 'agreement', 'consolidate']);
    const cards = await page.locator('[data-testid="opportunity"]').count();
    expect(pct0).toBeGreaterThan(0);
    // Every tender card says which threshold it was compared with.
    const tender = page.locator('[data-testid="opportunity"][data-kind="tender"]').first();
    expect(Number(await tender.locator('[data-testid="opportunity-threshold"]').getAttribute('data-value'))).toBeGreaterThan(1_000_000);
    expect(await tender.locator('[data-testid="opportunity-threshold"]').textContent()).toMatch(/^Tærskelværdi brugt: [\d.]+\s?kr\. \(.+, \d\d\.\d\d\.\d{4}–\d\d\.\d\d\.\d{4}, (skøn|officiel)\)$/);
    await page.selectOption('[data-testid="opportunity-kind"]', 'consolidate');
    await settled(page);
    await screenshot(page, 'opportunities-list-da');
    await page.selectOption('[data-testid="opportunity-kind"]', '');

    // The action plan: three waves whose base savings add up to the total.
    await tab(page, 'plan');
    await page.waitForSelector('[data-testid="action-plan"]');
    const w0 = await waves(page);
    expect(w0.every((v) => v > 0)).toBe(true);
    expect(w0.reduce((a, b) => a + b, 0)).toBe(total0);
    expect(await page.locator('[data-testid="action-plan-item"]').count()).toBe(cards);
    expect(await page.locator('[data-testid="action-plan-wave-1"] h3').textContent()).toBe('Hurtige gevinster');
    await screenshot(page, 'opportunities-plan-da');

    // Assumptions: base rate 10 % → 15 %: tender, agreement and consolidate savings × 1.5.
    await tab(page, 'assumptions');
    await page.waitForSelector('[data-testid="assumptions-panel"]');
    expect(await page.inputValue('[data-testid="setting-rates.base"]')).toBe('10');
    expect(await page.inputValue('[data-testid="setting-rules.smallOrderLimit"]')).toBe('250');
    // An invalid value is refused with the reason in Danish, and nothing changes.
    await page.fill('[data-testid="setting-rates.base"]', '30');
    await page.click('[data-testid="settings-save"]');
    expect(await page.textContent('[data-testid="settings-problems"]')).toContain('Basis besparelse: lav ≤ basis ≤ høj skal gælde');
    expect(await value(page, 'savings-total')).toBe(total0);
    await page.fill('[data-testid="setting-rates.base"]', '15');
    await page.click('[data-testid="settings-save"]');
    const total1 = await totalChanged(page, total0);
    expect(Math.abs(total1 - (total0 + 0.5 * pct0))).toBeLessThanOrEqual(cards);
    await page.waitForSelector('[data-testid="settings-saved"]');
    expect(await page.inputValue('[data-testid="setting-rates.base"]')).toBe('15');
    await screenshot(page, 'opportunities-assumptions-da');

    // Thresholds: a new period without a source is refused (Danish reason); with a source it saves.
    await page.waitForSelector('[data-testid="threshold-table"]');
    const rows0 = await page.locator('[data-testid="threshold-row"]').count();
    await page.click('[data-testid="threshold-add"]');
    expect(await page.locator('[data-testid="threshold-row"]').count()).toBe(rows0 + 1);
    await page.click('[data-testid="threshold-save"]');
    expect(await page.textContent('[data-testid="threshold-problems"]')).toContain('der skal angives en kilde');
    await page.locator('[data-testid="threshold-source"]').last().fill('Skøn til test');
    // The 2024–25 supplies-and-services threshold (in force on the data's last day) raised to 100 mio. kr.
    const standard = page.locator('[data-testid="threshold-row"][data-regime="standard"][data-from="2024-01-01"]');
    await standard.locator('[data-testid="threshold-dkk"]').fill('100.000.000');
    await standard.locator('[data-testid="threshold-estimate"]').check();
    await page.click('[data-testid="threshold-save"]');
    const total2 = await totalChanged(page, total1);
    await page.waitForSelector('[data-testid="threshold-saved"]');
    expect(await page.locator('[data-testid="threshold-row"]').count()).toBe(rows0 + 1);
    expect(await standard.locator('[data-testid="threshold-dkk"]').inputValue()).toBe('100.000.000');

    // Fewer categories are tenders now; more are negotiated below the threshold (wave 2).
    await tab(page, 'plan');
    const w2 = await waves(page);
    expect(w2.reduce((a, b) => a + b, 0)).toBe(total2);
    expect(w2[2]).toBeLessThan(w0[2]! * 1.5);
    expect(w2[1]).toBeGreaterThan(w0[1]! * 1.5);
    await tab(page, 'list');
    const consolidate = page.locator('[data-testid="opportunity"][data-kind="consolidate"] [data-testid="opportunity-threshold"][data-value="100000000"]');
    expect(await consolidate.count()).toBeGreaterThan(0);

    // English, through the language switch.
    await tab(page, 'plan');
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await settled(page);
    expect(await page.locator('[data-testid="action-plan-wave-1"] h3').textContent()).toBe('Quick wins');
    expect(await page.locator('[data-testid="action-plan-wave-3"] h3').textContent()).toBe('Tenders');
    await screenshot(page, 'opportunities-plan-en');
    await tab(page, 'assumptions');
    await screenshot(page, 'opportunities-assumptions-en');

    // Both back to the defaults: the first figures return.
    await page.click('[data-testid="settings-reset"]');
    await totalChanged(page, total2);
    await page.click('[data-testid="threshold-reset"]');
    await page.waitForFunction((t) => Number(document.querySelector('[data-testid="savings-total"]')?.getAttribute('data-value')) === t, total0, { timeout: 120_000 });
    await settled(page);
    expect(await page.locator('[data-testid="threshold-row"]').count()).toBe(rows0);
    expect(await page.inputValue('[data-testid="setting-rates.base"]')).toBe('10');

    expect(outsideRequests(requests)).toEqual([]);
  }, 600_000);
});
