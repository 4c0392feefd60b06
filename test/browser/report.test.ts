import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere } from '../../src/core/analysis/filters-sql.js';
import type { DbConnector } from '../../src/core/db/connector.js';
import { formatDate, formatKrCompact } from '../../src/core/format/format.js';
import { loadReport, type ReportData } from '../../src/core/report/report-data.js';
import { EMPTY_FILTERS } from '../../src/core/state/url-state.js';
import { defaultCategoryTree } from '../../src/core/taxonomy/category-tree.js';
import { openApp, openAppWithDemo, outsideRequests, SCREENSHOT_DIR, screenshot } from '../support/app-page.js';
import { launchChromium } from '../support/browser.js';
import { openCoreDemo } from '../support/core-demo.js';
import { fixtureFile } from '../support/fixtures.js';
import { pagesHolding, pdfPages, squash } from '../support/pdf-text.js';

const value = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));

async function openReport(page: Page) {
  await page.evaluate(() => (window.location.hash = '#/report'));
  await ready(page);
}

async function ready(page: Page) {
  await page.waitForSelector('[data-testid="report-page"][data-ready="true"]', { timeout: 180_000 });
  // The SVG charts draw on the next frame.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-page"] .chart svg text').length > 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Prints the page to PDF with Chromium (the browser's own print path) and keeps the file for a look. */
async function print(page: Page, name: string) {
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(path.join(SCREENSHOT_DIR, `${name}.pdf`), bytes);
  return pdfPages(new Uint8Array(bytes));
}

/** No table row and no chart is split over two pages: each one's texts stand together on one page. */
async function nothingCut(page: Page, pages: string[]) {
  const rows = await page.$$eval('[data-testid="report-row"]', (els) => els.map((r) => [...r.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText)));
  expect(rows.length).toBeGreaterThan(5);
  for (const cells of rows) expect(pagesHolding(pages, cells), cells.join(' | ')).not.toEqual([]);
  const charts = await page.$$eval('[data-testid="report-page"] .report-figure:has(svg)', (els) =>
    els.map((el) => [
      el.querySelector('h2')?.textContent ?? '',
      // Labels the chart hid to avoid overlaps are not printed.
      ...[...el.querySelectorAll('svg text')].filter((t) => t.checkVisibility({ opacityProperty: true, visibilityProperty: true })).map((t) => t.textContent ?? ''),
    ].filter((t) => t.trim() !== '' && !t.includes('…'))),
  );
  expect(charts.length).toBeGreaterThanOrEqual(1);
  for (const texts of charts) {
    expect(texts.length).toBeGreaterThan(1);
    const missing = texts.filter((t) => pagesHolding(pages, [t]).length === 0);
    expect(pagesHolding(pages, texts), `${texts[0]}; not printed: ${missing.join(' / ')}`).toHaveLength(1);
  }
}

describe('Rapport: the executive report printed to PDF', () => {
  let browser: Browser;
  let core: DbConnector;
  let expected: ReportData;
  beforeAll(async () => {
    browser = await launchChromium();
    core = await openCoreDemo();
    const tree = defaultCategoryTree();
    expected = await loadReport(core, { where: filtersWhere(EMPTY_FILTERS, tree), filters: EMPTY_FILTERS, tree });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await core?.close();
  });

  it('Demo Kommune: two A4 pages whose headline figures are src/core\'s, nothing cut, in Danish and English, appendix on request', async () => {
    const { page, requests } = await openAppWithDemo(browser);
    await openReport(page);
    // Headline figures: the same as src/core computes for the same data.
    expect(await page.textContent('[data-testid="report-municipality"]')).toBe('Demo Kommune');
    expect(await value(page, 'report-kpi-total')).toBe(expected.totals.spend);
    expect(await value(page, 'report-kpi-addressable')).toBe(expected.totals.addressableSpend);
    expect(await value(page, 'report-kpi-suppliers')).toBe(expected.totals.suppliers);
    expect(await value(page, 'report-kpi-classified')).toBe(expected.classifiedShare);
    expect(await value(page, 'report-kpi-on-agreement')).toBe(expected.compliance.onAgreementShare);
    expect(await value(page, 'report-kpi-savings')).toBe(expected.opportunities.totals.savingsBase);
    const top = await page.$$eval('[data-testid="report-top"] [data-testid="report-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-savings'))));
    expect(top).toEqual(expected.opportunities.opportunities.slice(0, 5).map((o) => o.savingsBase));
    const waves = await page.$$eval('[data-testid="report-plan"] [data-testid="report-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-savings'))));
    expect(waves).toEqual(expected.plan.waves.map((w) => w.savingsBase));
    await screenshot(page, 'report-da');

    const today = formatDate(new Date().toISOString().slice(0, 10), 'da');
    const da = await print(page, 'report-da');
    expect(da).toHaveLength(2);
    expect(squash(da[0]!)).toContain(squash('Side 1 af 2'));
    expect(squash(da[1]!)).toContain(squash('Side 2 af 2'));
    for (const p of da) expect(squash(p)).toContain(squash(`Overblik · Demo Kommune · ${today}`));
    // The printed figures are the displayed ones, on page 1; the method notes are on page 2.
    expect(pagesHolding(da, [formatKrCompact(expected.totals.spend, 'da'), 'De fem største muligheder', 'Forbrug pr. kategori'])).toEqual([1]);
    expect(pagesHolding(da, ['Indsatsplan', 'Kraljic-matrix', 'Metode og data', 'Tærskelværdier brugt', 'KFST'])).toEqual([2]);
    await nothingCut(page, da);

    // The appendix per category, on request: more pages, and no category's table is split.
    await page.click('[data-testid="report-appendix-toggle"]');
    await page.waitForSelector('[data-testid="report-appendix"]');
    const withAppendix = await print(page, 'report-da-appendix');
    expect(withAppendix.length).toBeGreaterThan(2);
    expect(squash(withAppendix.at(-1)!)).toContain(squash(`Side ${withAppendix.length} af ${withAppendix.length}`));
    await nothingCut(page, withAppendix);
    const blocks = await page.$$eval('[data-testid="report-category"]', (els) => els.map((el) => [el.querySelector('h3')?.childNodes[0]?.textContent ?? '', ...[...el.querySelectorAll('td:first-child')].map((td) => (td as HTMLElement).innerText)]));
    expect(blocks.length).toBeGreaterThan(10);
    for (const texts of blocks) expect(pagesHolding(withAppendix, texts), texts[0]).not.toEqual([]);
    await page.click('[data-testid="report-appendix-toggle"]');

    // English, through the language switch: same figures, English text and footer.
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await ready(page);
    expect(await value(page, 'report-kpi-total')).toBe(expected.totals.spend);
    await screenshot(page, 'report-en');
    const en = await print(page, 'report-en');
    expect(en).toHaveLength(2);
    expect(squash(en[0]!)).toContain(squash('Page 1 of 2'));
    expect(pagesHolding(en, ['The five largest opportunities', 'Spend by category', formatKrCompact(expected.totals.spend, 'en')])).toEqual([1]);
    expect(pagesHolding(en, ['Action plan', 'Kraljic matrix', 'Method and data'])).toEqual([2]);
    await nothingCut(page, en);
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  }, 600_000);

  it('follows the global filters: one unit\'s report has that unit\'s figures', async () => {
    const { page } = await openAppWithDemo(browser);
    const unit = (await page.locator('[data-testid="filter-unit"] option').nth(2).getAttribute('value'))!;
    const tree = defaultCategoryTree();
    const filters = { ...EMPTY_FILTERS, unit };
    const unitReport = await loadReport(core, { where: filtersWhere(filters, tree), filters, tree });
    await page.evaluate((u) => (window.location.hash = `#/report?unit=${encodeURIComponent(u)}`), unit);
    await ready(page);
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="report-kpi-total"]')?.getAttribute('data-value')) === v, unitReport.totals.spend, { timeout: 120_000 });
    expect(await value(page, 'report-kpi-savings')).toBe(unitReport.opportunities.totals.savingsBase);
    const pages = await print(page, 'report-unit-da');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(squash(pages[0]!)).toContain(squash(unit));
    await nothingCut(page, pages);
    await page.close();
  }, 600_000);

  it('a real file (Sheffield): the report prints whole and agrees with the overview', async () => {
    const { page } = await openApp(browser, '#/import');
    await page.setInputFiles('[data-testid="file-input"]', fixtureFile('real/uk_sheffield_spend_2017q1.csv'));
    await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 90_000 });
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"]', { timeout: 120_000 });
    await page.click('[data-testid="nav-overview"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 120_000 });
    const total = await value(page, 'kpi-total-spend');
    const suppliers = await value(page, 'kpi-suppliers');
    await openReport(page);
    expect(await value(page, 'report-kpi-total')).toBe(total);
    expect(await value(page, 'report-kpi-suppliers')).toBe(suppliers);
    await screenshot(page, 'report-sheffield-da');
    const pages = await print(page, 'report-sheffield-da');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(3);
    await nothingCut(page, pages);
    // The other changed screens with the real file: Sammenlign (one quarter: one data set) and the exports on Kategorier.
    await page.evaluate(() => (window.location.hash = '#/compare'));
    await page.waitForSelector('[data-testid="compare-table"]', { timeout: 180_000 });
    expect(await page.getAttribute('[data-testid="compare-table"]', 'data-datasets')).toBe('1');
    expect(await page.locator('[data-testid="compare-one"]').count()).toBe(1);
    await screenshot(page, 'compare-sheffield-da');
    await page.evaluate(() => (window.location.hash = '#/categories'));
    await page.waitForSelector('[data-testid="category-table-export"]', { timeout: 180_000 });
    await screenshot(page, 'categories-sheffield-da');
    await page.close();
  }, 600_000);
});
