import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { PREVIEW_ORIGIN } from './browser.js';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../.cache/screenshots');

/** Opens the built app at a hash (in `page`, else a new one) and waits until DuckDB-WASM is up. Records every request. */
export async function openApp(browser: Browser, hash = '#/overview', existing?: Page): Promise<{ page: Page; requests: string[] }> {
  const page = existing ?? (await browser.newPage({ viewport: { width: 1440, height: 900 } }));
  const requests: string[] = [];
  page.on('request', (r: Request) => requests.push(r.url()));
  await page.goto(`${PREVIEW_ORIGIN}/${hash}`);
  await page.waitForSelector('[data-testid="db-status"][data-phase="ready"]', { timeout: 60_000 });
  return { page, requests };
}

/** Opens the app, loads Demo Kommune with "Prøv med demodata" and waits for the overview it lands on. */
export async function openAppWithDemo(browser: Browser): Promise<{ page: Page; requests: string[] }> {
  const opened = await openApp(browser, '#/import');
  await opened.page.click('[data-testid="demo-load"]');
  await opened.page.waitForSelector('[data-testid="screen-overview"]', { timeout: 180_000 });
  return opened;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Requests that left the app's own origin (data: and blob: URLs stay in the page). */
export function outsideRequests(requests: string[]): string[] {
  return requests.filter((u) => !u.startsWith(`${PREVIEW_ORIGIN}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
}
