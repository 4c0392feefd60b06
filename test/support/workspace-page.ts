import type { Page } from 'playwright-core';

/** Helpers for the workspace browser tests: what the screens show, and the browser's storage. */

export const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

/** Waits until no screen panel is loading and no classification action runs, then lets charts draw. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-testid="cls-busy"]') && !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(500);
}

export const value = async (page: Page, testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-value'));

/** Waits for a data-value to satisfy a comparison with `arg`. */
export const waitValue = (page: Page, testId: string, predicate: 'gt' | 'lt' | 'eq', arg: number) =>
  page.waitForFunction(
    ([id, p, a]) => {
      const v = Number(document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value'));
      return p === 'gt' ? v > a : p === 'lt' ? v < a : v === a;
    },
    [testId, predicate, arg] as const,
    { timeout: 120_000 },
  );

/** What the overview, the opportunities and the classification coverage show (with the URL's filters). */
export async function screenState(page: Page): Promise<Record<string, unknown>> {
  const filters = new URL(page.url()).hash.split('?')[1] ?? '';
  const at = (screen: string) => go(page, `#/${screen}${filters ? `?${filters}` : ''}`);
  await at('overview');
  await page.waitForSelector('[data-testid="kpi-total-spend"][data-value]', { timeout: 120_000 });
  await settled(page);
  const kpis = await page.$$eval('[data-testid^="kpi-"][data-value]', (els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.getAttribute('data-value')}`));
  await at('opportunities');
  await page.waitForSelector('[data-testid="savings-total"]', { timeout: 120_000 });
  await settled(page);
  const opportunities = await page.$$eval('[data-testid="opportunity"]', (els) => els.map((e) => e.textContent));
  const savings = await page.getAttribute('[data-testid="savings-total"]', 'data-value');
  await at('classification');
  await page.waitForSelector('[data-testid="cls-coverage"]', { timeout: 120_000 });
  await settled(page);
  const coverage = await page.textContent('[data-testid="cls-coverage"]');
  return { filters, kpis, opportunities, savings, coverage };
}

/** What this origin keeps: IndexedDB databases, localStorage keys, Cache Storage caches. */
export function storedData(page: Page): Promise<{ idb: string[]; local: number; caches: string[] }> {
  return page.evaluate(async () => ({
    idb: (await indexedDB.databases()).map((d) => d.name ?? ''),
    local: localStorage.length,
    caches: await caches.keys(),
  }));
}

/** Waits until the autosave has written a generation whose snapshot was taken after `after` (epoch ms). */
export async function autosaved(page: Page, after: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const created = await page.evaluate(async () => {
      // Opening a database that does not exist would create it empty: look first.
      if (!(await indexedDB.databases()).some((d) => d.name === 'overblik')) return null;
      return new Promise<string | null>((resolve) => {
        const open = indexedDB.open('overblik');
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('head')) return resolve(null);
          const get = db.transaction('head').objectStore('head').get('current');
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { manifest?: { created?: string } } | undefined)?.manifest?.created ?? null);
          };
          get.onerror = () => resolve(null);
        };
      });
    });
    // The snapshot's own time: a generation taken after `after` holds every change made before it.
    if (created && Date.parse(created) > after) return;
    if (Date.now() > deadline) throw new Error(`no autosave after ${new Date(after).toISOString()} (last: ${created})`);
    await page.waitForTimeout(500);
  }
}
