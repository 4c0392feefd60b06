import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppWithDemo, outsideRequests, screenshot } from '../support/app-page.js';
import { splitRecords } from '../../src/core/import/sniff.js';
import { launchChromium } from '../support/browser.js';
import { columnValues, everyCell, readWorkbook } from '../support/xlsx-reader.js';

const value = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 180_000 });
  await page.waitForTimeout(300);
};

/** Clicks something that downloads a file and returns the file's name and bytes. */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

/** A Danish CSV (BOM, `;`, CRLF) split into rows; quoted fields may hold `;`. */
function danishCsv(bytes: Uint8Array): string[][] {
  // ignoreBOM: keep the byte order mark in the text, to see that it is there.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  // Quoted fields may hold line breaks (invoice texts do): split with the import's own CSV reader.
  return splitRecords(text.slice(1), ';', Number.MAX_SAFE_INTEGER).filter((r) => r.some((f) => f !== ''));
}
const danishNumber = (text: string) => Number(text.replace(',', '.'));
const sum = (values: number[]) => Math.round(values.reduce((a, v) => a + v * 100, 0)) / 100;

describe('exports: the whole analysis as one workbook, and every table to .xlsx and .csv', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('"Hent analysen som Excel" opens with a real reader: every sheet, types, no formulas, totals equal the screens', async () => {
    const { page, requests } = await openAppWithDemo(browser);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-savings"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 120_000 });
    const total = await value(page, 'kpi-total-spend');
    const addressable = await value(page, 'kpi-addressable');
    const suppliers = await value(page, 'kpi-suppliers');
    const savings = await value(page, 'kpi-savings');
    const book = await download(page, '[data-testid="export-workbook"]');
    expect(book.name).toMatch(/^overblik-analyse-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheets = await readWorkbook(book.bytes);
    expect(sheets.map((s) => s.name)).toEqual(['Overblik', 'Kategorier', 'Leverandører', 'Muligheder', 'Leverandører og enheder', 'Indsatsplan', 'Aftaler', 'Compliance', 'Linjer', 'Noter']);
    for (const s of sheets) {
      expect(s.rows.length, s.name).toBeGreaterThan(0);
      expect(s.frozenRows, s.name).toBe(1);
      for (const cell of everyCell(s.sheet)) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    }
    const overview = sheets[0]!;
    const figure = (label: string) => overview.rows.find((r) => r.getCell(1).value === label)!.getCell(2).value;
    expect(figure('Samlet forbrug (kr.)')).toBe(total);
    expect(figure('Påvirkeligt forbrug (kr.)')).toBe(addressable);
    expect(figure('Leverandører')).toBe(suppliers);
    expect(figure('Skønnet besparelse pr. år, basis (kr.)')).toBe(savings);
    const categories = sheets[1]!;
    const level = columnValues(categories, 'Niveau');
    expect(sum(columnValues(categories, 'Forbrug (kr.)').filter((_, i) => level[i] !== 2) as number[])).toBeCloseTo(total, 2);
    expect(sum(columnValues(sheets[2]!, 'Forbrug (kr.)') as number[])).toBeCloseTo(total, 2);
    const lines = sheets[8]!;
    expect(sum(columnValues(lines, 'Beløb (kr.)') as number[])).toBeCloseTo(total, 2);
    expect(columnValues(lines, 'Dato').every((d) => d instanceof Date)).toBe(true);
    expect(lines.rows[0]!.getCell(11).numFmt).toBe('#,##0.00');
    // The opportunities screen's total is the workbook's.
    await go(page, '#/opportunities');
    await page.waitForSelector('[data-testid="savings-total"]', { timeout: 120_000 });
    await settled(page);
    expect(sum(columnValues(sheets[3]!, 'Besparelse basis (kr.)') as number[])).toBeCloseTo(await value(page, 'savings-total'), 0);
    expect(sheets[3]!.rows).toHaveLength(await page.locator('[data-testid="opportunity"]').count());
    // The opportunity list itself exports too.
    const list = danishCsv((await download(page, '[data-testid="opportunity-list-export-csv"]')).bytes);
    expect(list.length - 1).toBe(await page.locator('[data-testid="opportunity"]').count());
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  }, 600_000);

  it('Kategorier, Leverandører and the invoice lines: Eksportér gives every row in the current order, Danish CSV and typed .xlsx', async () => {
    const { page } = await openAppWithDemo(browser);
    await go(page, '#/categories');
    await page.waitForSelector('[data-testid="category-table-export"]', { timeout: 120_000 });
    await settled(page);
    const spend = await value(page, 'cat-kpi-spend');
    const csv = await download(page, '[data-testid="category-table-export-csv"]');
    expect(csv.name).toMatch(/^kategorier-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = danishCsv(csv.bytes);
    expect(rows[0]![0]).toBe('Kategori');
    // Every category and its children, whatever is expanded on screen; amounts with a decimal comma.
    const shown = await page.locator('[data-testid="cat-select"]').count();
    expect(rows.length - 1).toBeGreaterThan(shown);
    const spendColumn = rows[0]!.indexOf('Forbrug');
    const level1 = await page.$$eval('[data-testid="cat-select"]', (els) => els.map((e) => e.textContent));
    const top = rows.slice(1).filter((r) => level1.includes(r[0]!));
    expect(sum(top.map((r) => danishNumber(r[spendColumn]!)))).toBeCloseTo(spend, 2);
    expect(rows.slice(1).some((r) => /,\d/.test(r[spendColumn]!))).toBe(true);
    const xlsx = await readWorkbook((await download(page, '[data-testid="category-table-export-xlsx"]')).bytes);
    expect(xlsx[0]!.rows).toHaveLength(rows.length - 1);
    expect(typeof xlsx[0]!.rows[0]!.getCell(spendColumn + 1).value).toBe('number');
    expect(xlsx[0]!.rows[0]!.getCell(spendColumn + 1).numFmt).toBe('#,##0.00');
    await screenshot(page, 'categories-export-da');

    // One category's invoice lines: all of them (not the page of 100), in the table's order.
    await page.click('[data-testid="cat-select"][data-category="office"]');
    await page.waitForSelector('[data-testid="invoice-lines-table-export"]', { timeout: 120_000 });
    await settled(page);
    const lines = await value(page, 'lines-total');
    expect(lines).toBeGreaterThan(100);
    const lineCsv = danishCsv((await download(page, '[data-testid="invoice-lines-table-export-csv"]')).bytes);
    expect(lineCsv.length - 1).toBe(lines);
    const amounts = lineCsv.slice(1).map((r) => danishNumber(r.at(-1)!));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(sum(amounts)).toBeCloseTo(await value(page, 'drill-summary'), 2);
    expect(lineCsv[1]![0]).toMatch(/^\d\d-\d\d-\d{4}$/);

    // Suppliers: every supplier (the screen lists the first 500), sorted by the chosen column.
    await go(page, '#/suppliers');
    await page.waitForSelector('[data-testid="supplier-table-export"]', { timeout: 120_000 });
    await settled(page);
    await page.click('[data-testid="sort-name"]');
    await settled(page);
    const count = await value(page, 'supplier-count');
    expect(count).toBeGreaterThan(500);
    const book = await readWorkbook((await download(page, '[data-testid="supplier-table-export-xlsx"]')).bytes);
    expect(book[0]!.rows).toHaveLength(count);
    const names = columnValues(book[0]!, 'Leverandør').map(String);
    const first = await page.$$eval('[data-testid="supplier-open"]', (els) => els.slice(0, 20).map((e) => e.textContent));
    expect(names.slice(0, 20)).toEqual(first);
    expect(sum(columnValues(book[0]!, 'Forbrug') as number[])).toBeCloseTo(spend, 2);
    await page.close();
  }, 600_000);
});
