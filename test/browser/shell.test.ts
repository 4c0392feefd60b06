import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PREVIEW_ORIGIN } from '../support/browser.js';
import { openApp, outsideRequests, screenshot } from '../support/app-page.js';

describe('app shell in Chromium (built app on vite preview)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('ships one DuckDB bundle, eh (every supported browser has WebAssembly exceptions), and precaches it', () => {
    const dist = path.resolve(import.meta.dirname, '../../dist');
    const wasm = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^duckdb-eh/);
    expect(readFileSync(path.join(dist, 'sw.js'), 'utf8')).toContain(`assets/${wasm[0]}`);
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8')) as { icons: { sizes: string }[]; display: string };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  });

  it('starts DuckDB in the browser and shows the Danish shell', async () => {
    const { page } = await openApp(browser, '#/overview');
    const labels = await page.locator('nav a').allTextContents();
    expect(labels.map((l) => l.replace(/^\W+/, '').trim())).toEqual([
      'Indlæs', 'Overblik', 'Kategorier', 'Leverandører', 'Muligheder', 'Klassifikation', 'Rapport', 'Sammenlign',
    ]);
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.locator('[data-testid="db-status"]').textContent()).toContain('Databasen kører lokalt');
    await page.waitForSelector('[data-testid="no-data"]');
    await screenshot(page, 'shell-overview-da');
    await page.close();
  });

  it('switches to English and back, with the language in the URL', async () => {
    const { page } = await openApp(browser, '#/overview');
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(page.url()).toContain('lang=en');
    const labels = await page.locator('nav a').allTextContents();
    expect(labels.map((l) => l.replace(/^\W+/, '').trim())).toContain('Suppliers');
    expect(await page.locator('[data-testid="db-status"]').textContent()).toContain('runs locally');
    await screenshot(page, 'shell-overview-en');
    await page.click('[data-testid="lang-switch"]');
    await page.waitForFunction(() => document.documentElement.lang === 'da');
    await page.close();
  });

  it('routes by hash and keeps the filters in the URL (bookmarkable)', async () => {
    const { page } = await openApp(browser, '#/suppliers?from=2024-01-01&source=ecommerce');
    await page.waitForSelector('[data-testid="screen-suppliers"]');
    expect(await page.inputValue('[data-testid="filter-from"]')).toBe('2024-01-01');
    expect(await page.inputValue('[data-testid="filter-source"]')).toBe('ecommerce');
    await page.selectOption('[data-testid="filter-source"]', 'invoice');
    await page.waitForFunction(() => location.hash.includes('source=invoice'));
    await page.fill('[data-testid="filter-to"]', '2024-06-30');
    await page.waitForFunction(() => location.hash.includes('to=2024-06-30'));
    await page.click('[data-testid="nav-opportunities"]');
    await page.waitForSelector('[data-testid="screen-opportunities"]');
    // Navigation keeps the filters.
    expect(page.url()).toContain('#/opportunities?from=2024-01-01&to=2024-06-30&source=invoice');
    await page.goBack();
    await page.waitForSelector('[data-testid="screen-suppliers"]');
    // An unknown screen falls back to the overview instead of a blank page.
    await page.goto(page.url().replace(/#.*/, '#/no-such-screen?from=garbage'));
    await page.waitForSelector('[data-testid="screen-overview"]');
    expect(await page.inputValue('[data-testid="filter-from"]')).toBe('');
    await page.close();
  });

  it('requests nothing outside its own origin', async () => {
    const { page, requests } = await openApp(browser, '#/import');
    await page.waitForSelector('[data-testid="demo-load"]');
    await page.waitForLoadState('networkidle');
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.some((u) => u.endsWith('.wasm'))).toBe(true);
    expect(outsideRequests(requests)).toEqual([]);
    await page.close();
  });

  it.each(['**/duckdb-browser-*.worker*.js'])(
    'shows a readable message, not a white page, when the database cannot start (%s blocked)',
    async (blocked) => {
      const context = await browser.newContext();
      // (Requests made inside the worker, such as the wasm fetch, are not routable from here.)
      await context.route(blocked, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(`${PREVIEW_ORIGIN}/#/overview`);
      await page.waitForSelector('[data-testid="db-status"][data-phase="failed"]', { timeout: 60_000 });
      expect(await page.locator('[data-testid="db-status"]').textContent()).toContain('Databasen kunne ikke starte');
      expect(await page.locator('nav a').count()).toBe(8);
      await context.close();
    },
  );
});
