import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { openApp, outsideRequests, screenshot } from '../support/app-page.js';

/**
 * Bad and hostile files dropped on the real app: each gets a message for people naming the file,
 * nothing from the file runs as HTML, nothing is loaded, and the app stays usable.
 */
const HOSTILE = '<img src=x onerror="window.__xss=1">.csv';
const enc = (s: string) => Buffer.from(s, 'utf8');

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

async function messages(page: Page): Promise<string[]> {
  await page.waitForSelector('[data-testid="import-message"]', { timeout: 60_000 });
  return page.locator('[data-testid="import-message"] .message-text').allTextContents();
}

describe('import of bad and hostile files in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses them with messages that name the file as text, runs nothing, loads nothing', async () => {
    const { page, requests } = await openApp(browser, '#/import');
    const dialogs = watchDialogs(page);
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&b;</Invoice>`;
    await page.setInputFiles('[data-testid="file-input"]', [
      { name: HOSTILE, mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      { name: 'faktura.pdf', mimeType: 'application/pdf', buffer: enc('%PDF-1.4 not an export') },
      { name: 'latter.xml', mimeType: 'text/xml', buffer: enc(laughs) },
      { name: 'kun-overskrift.csv', mimeType: 'text/csv', buffer: enc('Leverandør;Beløb\r\n') },
    ]);
    const texts = await messages(page);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toBe(`${HOSTILE} er tom.`);
    expect(texts[1]).toContain('faktura.pdf er en PDF');
    expect(texts[2]).toContain('latter.xml indeholder en DOCTYPE-erklæring (linje 1)');
    expect(texts[3]).toContain('kun-overskrift.csv har kun overskriftslinjen');
    // The file name is text: no element came from it and its handler never ran.
    expect(await page.locator('[data-testid="import-message"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Nothing was loaded: no mapping step, no report.
    expect(await page.locator('[data-testid="mapping-panel"]').count()).toBe(0);
    expect(await page.locator('[data-testid="import-report"]').count()).toBe(0);
    await screenshot(page, 'import-bad-files-da');
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });

  it('loads a damaged CSV line by line: the refused lines are listed with reason and Detaljer, HTML in the data stays text', async () => {
    const { page } = await openApp(browser, '#/import?lang=en');
    const dialogs = watchDialogs(page);
    const csv = [
      'Leverandør;Fakturadato;Beløb;Tekst',
      '<img src=x onerror="window.__xss=2">;05-01-2025;100,00;x',
      'Hansen A/S;06-01-2025;"50,00;aldrig lukket',
      'Jensen ApS;07-01-2025;25,00;"ok; fint, borger 010203-1234"',
      'Kort ApS;07-01-2025',
    ].join('\r');
    await page.setInputFiles('[data-testid="file-input"]', { name: HOSTILE, mimeType: 'text/csv', buffer: enc(csv) });
    await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 60_000 });
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"][data-value]', { timeout: 120_000 });
    expect(Number(await page.getAttribute('[data-testid="rows-loaded"]', 'data-value'))).toBe(2);
    expect(Number(await page.getAttribute('[data-testid="rows-rejected"]', 'data-value'))).toBe(2);
    // One CPR number: said in the singular.
    expect(await page.textContent('[data-testid="cpr-masked"]')).toBe('One CPR number in a text field was masked before anything was stored.');
    await page.waitForSelector('[data-testid="rejects-table"]');
    const table = await page.textContent('[data-testid="rejects-table"]');
    expect(table).toContain('A quote that is not closed properly, in the column Beløb');
    expect(table).toContain('Too few fields (2; the header has 4)');
    // Engine words only behind Details.
    expect(await page.locator('[data-testid="rejects-table"] details summary').first().textContent()).toBe('Details');
    expect(await page.locator('[data-testid="import-file-row"] td').first().textContent()).toBe(HOSTILE);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, 'import-damaged-csv-en');
    await page.close();
  });

  it('a crashed parse worker: a message, nothing changed, and the next file imports', async () => {
    // Without the service worker: a script it serves from its precache never reaches page.route.
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
    const { page } = await openApp(browser, '#/import', await context.newPage());
    // The worker script is swapped for one that dies on its first message.
    await page.route('**/parse.worker-*.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => { throw new Error("boom"); };' }));
    await page.setInputFiles('[data-testid="file-input"]', { name: 'faktura.csv', mimeType: 'text/csv', buffer: enc('Leverandør;Beløb\r\nA;1,00\r\n') });
    const texts = await messages(page);
    expect(texts[0]).toContain('Læsningen af faktura.csv stoppede uventet');
    await page.unroute('**/parse.worker-*.js');
    await page.setInputFiles('[data-testid="file-input"]', { name: 'faktura.csv', mimeType: 'text/csv', buffer: enc('Leverandør;Beløb\r\nA;1,00\r\n') });
    await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 60_000 });
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="rows-loaded"][data-value="1"]', { timeout: 120_000 });
    await context.close();
  });

  it('cold start: every screen opened while the demo loads shows its progress, then the result, never an error', async () => {
    const { page } = await openApp(browser, '#/import');
    await page.click('[data-testid="demo-load"]');
    const screens = ['overview', 'categories', 'suppliers', 'opportunities', 'classification', 'import', 'overview'];
    let sawBuilding = false;
    for (const screen of screens) {
      await page.evaluate((s) => (location.hash = `#/${s}`), screen);
      await page.waitForTimeout(150);
      expect(await page.locator('[data-testid="error-panel"]').count()).toBe(0);
      if (await page.locator('[data-testid="workspace-building"]').count()) {
        sawBuilding = true;
        if (screen === 'categories') await screenshot(page, 'workspace-building-da');
      }
    }
    expect(sawBuilding).toBe(true);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="kpi-total-spend"]')?.getAttribute('data-value')) > 0, undefined, { timeout: 180_000 });
    for (const screen of screens) {
      await page.evaluate((s) => (location.hash = `#/${s}`), screen);
      await page.waitForTimeout(300);
      expect(await page.locator('[data-testid="error-panel"]').count()).toBe(0);
    }
    await page.close();
  });
});
