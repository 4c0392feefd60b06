import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PREVIEW_ORIGIN } from '../support/browser.js';
import { openApp, outsideRequests, screenshot } from '../support/app-page.js';
import { fixtureFile } from '../support/fixtures.js';

const REAL = (name: string) => fixtureFile(`real/${name}`);
const OIOUBL = (name: string) => fixtureFile(`oioubl/${name}`);

describe('import in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports a real CSV: mapping proposed, confirmed, report reconciles', async () => {
    const { page, requests } = await openApp(browser, '#/import');
    await page.setInputFiles('[data-testid="file-input"]', REAL('uk_sheffield_spend_2017q1.csv'));
    await page.waitForSelector('[data-testid="mapping-panel"]');
    await screenshot(page, 'import-mapping-sheffield');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"]', { timeout: 60_000 });
    expect(Number(await page.getAttribute('[data-testid="rows-loaded"]', 'data-value'))).toBe(22388);
    expect(Number(await page.getAttribute('[data-testid="rows-rejected"]', 'data-value'))).toBe(0);
    await screenshot(page, 'import-report-sheffield');
    // The overview now shows the loaded spend.
    await page.click('[data-testid="nav-overview"]');
    await page.waitForSelector('[data-testid="kpi-total-spend"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) > 0);
    expect(Number(await page.getAttribute('[data-testid="kpi-total-spend"]', 'data-value'))).toBeCloseTo(228422218.46, 2);
    await screenshot(page, 'overview-sheffield');
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });

  it('shows an import\'s progress, and "Annullér" leaves the previous analysis as it was', async () => {
    const { page } = await openApp(browser, '#/import');
    await page.setInputFiles('[data-testid="file-input"]', REAL('uk_sheffield_spend_2017q1.csv'));
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"][data-value]', { timeout: 60_000 });
    // A second file, cancelled as soon as its import shows its progress.
    await page.setInputFiles('[data-testid="file-input"]', REAL('us_scottsdale_vendor_payments.csv'));
    await page.waitForSelector('[data-testid="mapping-panel"]');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="build-progress"] [data-testid="build-cancel"]');
    expect(await page.textContent('[data-testid="build-progress"]')).toContain('us_scottsdale_vendor_payments.csv');
    await screenshot(page, 'import-progress-da');
    await page.click('[data-testid="build-cancel"]');
    await page.waitForSelector('[data-testid="import-message"]', { timeout: 60_000 });
    expect(await page.textContent('main')).toContain('Indlæsningen er annulleret. Den tidligere analyse er uændret.');
    // The files stay chosen, ready to be loaded again.
    expect(await page.isVisible('[data-testid="mapping-confirm"]')).toBe(true);
    await screenshot(page, 'import-cancelled-da');
    await page.click('[data-testid="nav-overview"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) > 0);
    expect(Number(await page.getAttribute('[data-testid="kpi-total-spend"]', 'data-value'))).toBeCloseTo(228422218.46, 2);
    await page.close();
  });

  it('takes a file while the database still starts: planned at once, loaded as soon as the database is ready', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // Hold DuckDB's worker script back, so the database is surely still starting while the file is chosen.
    let releaseWorker!: () => void;
    const held = new Promise<void>((resolve) => (releaseWorker = resolve));
    await context.route('**/duckdb-browser-*.worker*.js', async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${PREVIEW_ORIGIN}/#/import`);
    await page.waitForSelector('[data-testid="file-input"]:not([disabled])', { state: 'attached', timeout: 60_000 });
    expect(await page.getAttribute('[data-testid="db-status"]', 'data-phase')).toBe('loading');
    await page.setInputFiles('[data-testid="file-input"]', REAL('uk_sheffield_spend_2017q1.csv'));
    await page.waitForSelector('[data-testid="mapping-panel"]', { timeout: 60_000 });
    expect(await page.isDisabled('[data-testid="mapping-confirm"]')).toBe(true);
    expect(await page.textContent('[data-testid="engine-starting"]')).toContain('Databasen starter stadig');
    expect(await page.getAttribute('[data-testid="db-status"]', 'data-phase')).toBe('loading');
    await screenshot(page, 'import-mapping-engine-starting');
    releaseWorker();
    await page.waitForSelector('[data-testid="db-status"][data-phase="ready"]', { timeout: 60_000 });
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"][data-value]', { timeout: 60_000 });
    expect(Number(await page.getAttribute('[data-testid="rows-loaded"]', 'data-value'))).toBe(22388);
    expect(Number(await page.getAttribute('[data-testid="rows-rejected"]', 'data-value'))).toBe(0);
    await context.close();
  });

  it('imports the real Örebro Excel file in the worker, and OIOUBL invoices', async () => {
    const { page } = await openApp(browser, '#/import?lang=en');
    await page.setInputFiles('[data-testid="file-input"]', [
      REAL('se_orebro_supplier_invoices_2016-03.xlsx'),
      OIOUBL('happy-path_real.xml'),
      OIOUBL('negative-rounding_real.xml'),
    ]);
    await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 90_000 });
    expect(await page.locator('[data-testid="mapping-panel"]').count()).toBe(3);
    await screenshot(page, 'import-mapping-orebro-en');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-file-row"]').length === 3, undefined, { timeout: 120_000 });
    const loaded = Number(await page.getAttribute('[data-testid="rows-loaded"]', 'data-value'));
    const rejected = Number(await page.getAttribute('[data-testid="rows-rejected"]', 'data-value'));
    expect(loaded + rejected).toBeGreaterThanOrEqual(68021);
    await screenshot(page, 'import-report-orebro-en');
    await page.close();
  });

  it('a file without dates (Örebro): Opportunities explains why nothing can be annualised, and the assumptions stay editable', async () => {
    const { page } = await openApp(browser, '#/import');
    await page.setInputFiles('[data-testid="file-input"]', REAL('se_orebro_supplier_invoices_2016-03.xlsx'));
    await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 90_000 });
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"]', { timeout: 120_000 });
    await page.click('[data-testid="nav-opportunities"]');
    await page.waitForSelector('[data-testid="opp-no-window"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="no-data"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="opp-no-window"]')).toContain('udbudsloven § 35');
    await screenshot(page, 'opportunities-no-dates-orebro-da');
    await page.click('[data-testid="opp-tab-assumptions"]');
    await page.waitForSelector('[data-testid="settings-save"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="opp-no-window"]').count()).toBe(0);
    await page.close();
  });

  it('says clearly, in Danish, when a file cannot be read', async () => {
    const { page } = await openApp(browser, '#/import');
    await page.setInputFiles('[data-testid="file-input"]', { name: 'faktura.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 not an export') });
    await page.waitForSelector('[data-testid="import-message"]');
    expect(await page.textContent('[data-testid="import-message"]')).toContain('faktura.pdf er en PDF');
    await page.close();
  });
});
