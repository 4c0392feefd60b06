import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import path from 'node:path';
import { openAppWithDemo, outsideRequests, screenshot, SCREENSHOT_DIR } from '../support/app-page.js';

const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);
const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(600);
};
/** The category table's row for a category id (name cell first, spend second). */
const catRow = (page: Page, id: string) => page.locator(`[data-testid="category-table"] tr:has([data-testid="cat-select"][data-category="${id}"])`);
/** Every category id in the category table, top to bottom. */
const catOrder = (page: Page) =>
  page.$$eval('[data-testid="category-table"] [data-testid="cat-select"]', (els) => els.map((e) => e.getAttribute('data-category') ?? ''));

/** The top of the tree editor at full size (the full-page shot is too tall to read). */
async function editorShot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  // Document coordinates (a full-page clip is measured from the top of the page, not the viewport).
  const box = await page.locator('[data-testid="category-tree-editor"]').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width };
  });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-top.png`), clip: { ...box, height: 560 }, fullPage: true });
}

/** Saves an edit in the tree editor and waits for its outcome; fails with the editor's error if it failed. */
async function treeAct(page: Page, action: () => Promise<unknown>): Promise<string> {
  const before = await page.locator('[data-testid="tree-message"]').textContent().catch(() => null);
  await action();
  await page.waitForFunction(
    (prev) => {
      const msg = document.querySelector('[data-testid="tree-message"]')?.textContent ?? null;
      return !!document.querySelector('[data-testid="tree-error"]') || (msg !== null && msg !== prev);
    },
    before,
    { timeout: 60_000 },
  );
  expect(await page.locator('[data-testid="tree-error"]').textContent().catch(() => null)).toBeNull();
  await settled(page);
  return (await page.locator('[data-testid="tree-message"]').textContent()) ?? '';
}

describe('category tree editor on Demo Kommune', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renames and moves a category; the Categories screen shows the new name under the new parent with the same spend', async () => {
    const { page, requests } = await openAppWithDemo(browser);

    // Before: printers under IT, with its spend.
    await go(page, '#/categories');
    await page.waitForSelector('[data-testid="category-table"] [data-testid="cat-select"]', { timeout: 60_000 });
    await settled(page);
    await page.click('[data-testid="cat-toggle-it"]');
    await catRow(page, 'it.printers').waitFor();
    const spendBefore = await catRow(page, 'it.printers').locator('td').nth(1).textContent();
    expect(spendBefore).toMatch(/\d/);
    expect(await catRow(page, 'it.printers').locator('[data-testid="cat-select"]').textContent()).toBe('Printere og multifunktionsmaskiner');

    // The editor on the classification screen.
    await go(page, '#/classification');
    await page.click('[data-testid="cls-tab-tree"]');
    await page.waitForSelector('[data-testid="category-tree-editor"] [data-testid="tree-row-it.printers"]', { timeout: 60_000 });
    await settled(page);
    const editorSpend = await page.locator('[data-testid="tree-row-it.printers"] td').nth(2).textContent();

    // A name another category has is refused with a message, nothing saved.
    await page.click('[data-testid="tree-rename-it.printers"]');
    await page.fill('[data-testid="tree-name-da"]', 'kontorartikler');
    await page.click('[data-testid="tree-save"]');
    await page.waitForSelector('[data-testid="tree-error"]');
    expect(await page.locator('[data-testid="tree-error"]').textContent()).toContain('bruges allerede');
    await editorShot(page, 'category-tree-error-da');

    // Rename (both languages).
    await page.fill('[data-testid="tree-name-da"]', 'Printere og kopimaskiner');
    await page.fill('[data-testid="tree-name-en"]', 'Printers and copiers');
    const renamed = await treeAct(page, () => page.click('[data-testid="tree-save"]'));
    expect(renamed).toContain('Printere og kopimaskiner');
    expect(await page.locator('[data-testid="tree-name-it.printers"]').textContent()).toBe('Printere og kopimaskiner');

    // Move under "Kontor og tryk", confirming the dialog.
    page.once('dialog', (d) => void d.accept());
    const moved = await treeAct(page, () => page.selectOption('[data-testid="tree-move-it.printers"]', 'office'));
    expect(moved).toContain('Kontor og tryk');
    const editorRows = await page.$$eval('[data-testid="category-tree-editor"] tbody tr[data-testid^="tree-row-"]', (els) => els.map((e) => e.getAttribute('data-testid')));
    const at = editorRows.indexOf('tree-row-it.printers');
    expect(editorRows.slice(editorRows.indexOf('tree-row-office'), editorRows.indexOf('tree-row-it'))).toContain('tree-row-it.printers');
    expect(at).toBeLessThan(editorRows.indexOf('tree-row-it'));
    expect(await page.locator('[data-testid="tree-row-it.printers"] td').nth(2).textContent()).toBe(editorSpend);

    // Add a subcategory: it is offered in the category picker at once.
    await page.click('[data-testid="tree-add-child-office"]');
    await page.fill('[data-testid="tree-name-da"]', 'Skiltning');
    await page.fill('[data-testid="tree-name-en"]', 'Signage');
    expect(await treeAct(page, () => page.click('[data-testid="tree-save"]'))).toContain('Skiltning');
    await page.waitForSelector('[data-testid="tree-row-office.skiltning"]');
    await editorShot(page, 'category-tree-editor-da');

    // Categories screen: new name, under the new parent, same spend.
    await go(page, '#/categories');
    await page.waitForSelector('[data-testid="category-table"] [data-testid="cat-select"]', { timeout: 60_000 });
    await settled(page);
    await page.click('[data-testid="cat-toggle-office"]');
    await catRow(page, 'it.printers').waitFor();
    expect(await catRow(page, 'it.printers').locator('[data-testid="cat-select"]').textContent()).toBe('Printere og kopimaskiner');
    expect(await catRow(page, 'it.printers').locator('td').nth(1).textContent()).toBe(spendBefore);
    const order = await catOrder(page);
    const office = order.indexOf('office');
    const next = order.findIndex((id, i) => i > office && !id.includes('.'));
    const printers = order.indexOf('it.printers');
    expect(printers).toBeGreaterThan(office);
    expect(printers).toBeLessThan(next);
    await screenshot(page, 'category-tree-categories-da');

    // The global category filter lists the new tree: printers after "Kontor og tryk".
    const options = await page.$$eval('select option', (els) => els.map((e) => e.textContent ?? ''));
    expect(options).toContain('– Printere og kopimaskiner');
    expect(options).toContain('– Skiltning');

    // How a category is bought: cleaning marked "outside competition" gets no tender suggestion.
    const cleaningTender = '[data-testid="opportunity"][data-kind="tender"][data-category="facility.cleaning"]';
    await go(page, '#/opportunities');
    await page.waitForSelector('[data-testid="opportunity-list"] [data-testid="opportunity"]', { timeout: 120_000 });
    expect(await page.locator(cleaningTender).count()).toBe(1);
    await go(page, '#/classification');
    await page.click('[data-testid="cls-tab-tree"]');
    await page.waitForSelector('[data-testid="tree-sourcing-facility.cleaning"]', { timeout: 60_000 });
    expect(await page.inputValue('[data-testid="tree-sourcing-facility.cleaning"]')).toBe('pooled');
    expect(await treeAct(page, () => page.selectOption('[data-testid="tree-sourcing-facility.cleaning"]', 'excluded'))).toContain('Rengøring');
    expect(await page.inputValue('[data-testid="tree-sourcing-facility.cleaning"]')).toBe('excluded');
    await go(page, '#/opportunities');
    await page.waitForSelector('[data-testid="opportunity-list"] [data-testid="opportunity"]', { timeout: 120_000 });
    await settled(page);
    expect(await page.locator(cleaningTender).count()).toBe(0);
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });
});
