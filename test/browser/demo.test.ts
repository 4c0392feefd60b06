import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { openAppWithDemo, outsideRequests, screenshot } from '../support/app-page.js';

describe('built-in demo in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('"Prøv med demodata" loads Demo Kommune offline and shows the overview', async () => {
    const { page, requests } = await openAppWithDemo(browser);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 60_000 });
    const spend = Number(await page.getAttribute('[data-testid="kpi-total-spend"]', 'data-value'));
    const suppliers = Number(await page.getAttribute('[data-testid="kpi-suppliers"]', 'data-value'));
    // Two years of a municipality with about 1 mia. kr. of external spend a year.
    expect(spend).toBeGreaterThan(1.5e9);
    expect(spend).toBeLessThan(4e9);
    expect(suppliers).toBeGreaterThan(500);
    await page.waitForSelector('[data-testid="chart-trend"] canvas');
    await screenshot(page, 'demo-overview-da');
    // A filter changes the figures and lives in the URL.
    const unit = await page.locator('[data-testid="filter-unit"] option').nth(1).getAttribute('value');
    await page.selectOption('[data-testid="filter-unit"]', unit!);
    await page.waitForFunction((before) => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) < before, spend);
    expect(decodeURIComponent(page.url())).toContain(`unit=${unit}`.replaceAll(' ', '+'));
    await page.click('[data-testid="nav-import"]');
    await page.waitForSelector('[data-testid="import-report"]');
    expect(Number(await page.getAttribute('[data-testid="rows-loaded"]', 'data-value'))).toBeGreaterThan(50_000);
    await screenshot(page, 'demo-import-report-da');
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });
});
