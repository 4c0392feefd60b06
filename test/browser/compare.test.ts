import { mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../src/cli/gen.js';
import { loadComparison, loadFileLabels, saveFileLabels, type Comparison } from '../../src/core/compare/index.js';
import type { DbConnector } from '../../src/core/db/connector.js';
import { executeImport } from '../../src/core/import/import-file.js';
import { planImport } from '../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../src/core/import/sources.js';
import { defaultCategoryTree } from '../../src/core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../../src/core/workspace/refresh.js';
import { openAppWithDemo, outsideRequests, screenshot } from '../support/app-page.js';
import { launchChromium } from '../support/browser.js';
import { openCoreDemo } from '../support/core-demo.js';

const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 240_000 });
  await page.waitForTimeout(300);
};

/** Every cell of the compare table: row (category), metric, data set → the raw value. */
async function cells(page: Page): Promise<Map<string, number | null>> {
  const list = await page.$$eval('[data-testid="compare-row"] td[data-metric]', (tds) =>
    tds.map((td) => [`${td.closest('tr')!.getAttribute('data-category')}|${td.getAttribute('data-metric')}|${td.getAttribute('data-dataset')}`, td.getAttribute('data-value')] as const),
  );
  return new Map(list.map(([k, v]) => [k, v === '' || v === null ? null : Number(v)]));
}

/** The same cells from src/core's comparison. */
function expectedCells(c: Comparison): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const r of c.rows) {
    for (const [i, d] of c.datasets.entries()) {
      for (const m of ['spend', 'perInhabitant', 'suppliers', 'hhi', 'onAgreementShare', 'smallOrderShare'] as const) {
        out.set(`${r.level}:${r.id ?? ''}|${m}|${d.key}`, r.values[i]?.[m] ?? null);
      }
    }
  }
  return out;
}

function sameCells(shown: Map<string, number | null>, expected: Map<string, number | null>) {
  const rows = [...expected.keys()];
  expect(rows.length).toBeGreaterThan(100);
  for (const key of rows) expect(shown.get(key), key).toBe(expected.get(key));
}

describe('Sammenlign in the browser', () => {
  let browser: Browser;
  let core: DbConnector;
  const tree = defaultCategoryTree();
  const dir = mkdtempSync(path.join(tmpdir(), 'overblik-compare-'));
  let files: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    core = await openCoreDemo();
    // A second municipality: another seed (other suppliers, names and units) and another size.
    await generateToDirectory({ lines: 12_000, seed: 'anden', out: dir, formats: ['csv', 'ecommerce'], spend: 400_000_000, truth: false });
    files = ['fakturalinjer.csv', 'ehandel.csv'].map((n) => {
      const to = path.join(dir, `anden-${n}`);
      renameSync(path.join(dir, n), to);
      return to;
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await core?.close();
  });

  it('Demo Kommune split into two years, then against a second municipality: figures equal src/core\'s', async () => {
    const { page, requests } = await openAppWithDemo(browser);
    await go(page, '#/compare');
    await page.waitForSelector('[data-testid="compare-table"]', { timeout: 240_000 });
    await settled(page);
    // One data set: the years side by side, with the change between them.
    expect(await page.getAttribute('[data-testid="compare-result"]', 'data-by')).toBe('year');
    expect(await page.getAttribute('[data-testid="compare-table"]', 'data-datasets')).toBe('2');
    const years = await loadComparison(core, { by: 'year', tree });
    sameCells(await cells(page), expectedCells(years));
    const change = page.locator('[data-testid="compare-change"]');
    expect(await change.count()).toBe(1);
    expect(await change.locator('h2').textContent()).toBe('Demo Kommune: 2024 → 2025');
    expect(Number(await page.getAttribute('[data-testid="compliance-trend"]', 'data-after'))).toBe(years.changes[0]!.compliance.after);
    // The largest new supplier of 2025 leads the list.
    expect(await page.locator('[data-testid="new-suppliers"] tbody tr:not([aria-hidden]) td').first().textContent()).toBe(years.changes[0]!.newSuppliers[0]!.name);
    await screenshot(page, 'compare-years-da');

    // A second municipality through the import screen, labelled on the compare screen.
    await go(page, '#/import');
    await page.setInputFiles('[data-testid="file-input"]', files);
    await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 120_000 });
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-file-row"]').length === 5, undefined, { timeout: 240_000 });
    await go(page, '#/compare');
    await page.waitForSelector('[data-testid="dataset-labels"]', { timeout: 240_000 });
    await settled(page);
    // Mirror the import in src/core: same files, same order, same labels.
    for (const f of files) {
      const source = bytesSource(path.basename(f), new Uint8Array(readFileSync(f)));
      await executeImport(core, source, await planImport(source, {} as Parsers));
    }
    await refreshAnalysis(core);
    const labels = await loadFileLabels(core);
    const anden = labels.filter((l) => l.name.startsWith('anden-'));
    expect(anden.map((l) => [l.municipality, l.sourceKind])).toEqual([['anden-fakturalinjer', 'invoice'], ['anden-fakturalinjer', 'ecommerce']]);
    const invoice = anden[0]!;
    expect(await page.getAttribute(`[data-testid="label-municipality-${invoice.fileId}"]`, 'placeholder')).toBe('anden-fakturalinjer');
    await page.fill(`[data-testid="label-municipality-${invoice.fileId}"]`, 'Anden Kommune');
    await page.fill(`[data-testid="label-inhabitants-${invoice.fileId}"]`, '25.000');
    await page.click('[data-testid="labels-save"]');
    await saveFileLabels(core, [{ fileId: invoice.fileId, municipality: 'Anden Kommune', inhabitants: 25_000 }]);
    await page.waitForSelector('[data-testid="compare-result"][data-by="label"]', { timeout: 240_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="compare-table"]')?.getAttribute('data-datasets') === '2', undefined, { timeout: 240_000 });
    // Before the save lands the table already shows two labelled data sets (the file's default name
    // and Demo Kommune): wait until it shows the saved name.
    await page.waitForSelector('[data-testid="compare-table"] td[data-dataset^="Anden Kommune|"]', { timeout: 240_000 });
    await settled(page);
    const two = await loadComparison(core, { by: 'label', tree });
    expect(two.datasets.map((d) => [d.municipality, d.inhabitants])).toEqual([['Anden Kommune', 25_000], ['Demo Kommune', 60_000]]);
    sameCells(await cells(page), expectedCells(two));
    // The total row: spend per inhabitant per data set.
    const shown = await cells(page);
    for (const d of two.datasets) expect(shown.get(`total|perInhabitant|${d.key}`)).toBeCloseTo(d.spend / d.inhabitants!, 6);
    // Marked differences are src/core's: every marked cell stands out by the rule.
    const marked = await page.locator('[data-testid="compare-table"] td[data-stand]').count();
    expect(marked).toBeGreaterThan(0);
    expect(Number(await page.getAttribute('[data-testid="shared-summary"]', 'data-value'))).toBe(two.sharedSuppliers.length);
    if (two.jointTenders.length) expect(await page.locator('[data-testid="joint-tenders"]').count()).toBe(1);
    else expect(await page.locator('[data-testid="joint-tenders-none"]').count()).toBe(1);
    await screenshot(page, 'compare-two-municipalities-da');
    // The comparison exports as it is shown.
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="compare-table-export-csv"]')]);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFKategori;Årligt forbrug – Anden Kommune 2024–2025;Årligt forbrug – Demo Kommune 2024–2025')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(two.rows.length + 2);

    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await settled(page);
    expect(await page.textContent('.compare-screen h1')).toBe('Compare');
    await screenshot(page, 'compare-two-municipalities-en');
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  }, 900_000);
});
