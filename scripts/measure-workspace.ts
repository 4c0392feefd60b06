// Measures the workspace once in the built app (not a test; the bench is `npm run bench`):
// import a generated invoice CSV, then the autosave, "Gem analyse" (file size, time), "Slet alle
// data", "Åbn analyse" (time) and a reload restored from the autosave (time).
//   npx vite build && npm run gen -- --lines 1M --seed 1 --out /tmp/g1m --formats csv
//   OVERBLIK_PREVIEW_PORT=4175 npx tsx scripts/measure-workspace.ts /tmp/g1m/fakturalinjer.csv
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium, PREVIEW_ORIGIN, startPreview } from '../test/support/browser.js';

const csv = process.argv[2];
if (!csv) throw new Error('usage: tsx scripts/measure-workspace.ts FILE.csv');
const LONG = { timeout: 1_800_000 };
const preview = await startPreview();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const ms = async (testId: string) => Number(await page.getAttribute(`[data-testid="${testId}"]`, 'data-ms'));
  await page.goto(`${PREVIEW_ORIGIN}/#/import`);
  await page.waitForSelector('[data-testid="db-status"][data-phase="ready"]', LONG);
  let t = Date.now();
  await page.setInputFiles('[data-testid="file-input"]', csv);
  await page.click('[data-testid="mapping-confirm"]', LONG);
  await page.waitForSelector('[data-testid="rows-loaded"][data-value]', LONG);
  const lines = Number(await page.getAttribute('[data-testid="rows-loaded"]', 'data-value'));
  console.log('import', { lines, ms: Date.now() - t });
  await page.waitForSelector('[data-testid="workspace-autosaved"]', { ...LONG, state: 'attached' });
  console.log('first autosave (all tables)', { ms: await ms('workspace-autosaved'), bytes: Number(await page.getAttribute('[data-testid="workspace-autosaved"]', 'data-bytes')) });
  // A filter change: the autosave writes no table again.
  await page.selectOption('[data-testid="filter-source"]', 'invoice');
  await page.waitForFunction((prev) => document.querySelector('[data-testid="workspace-autosaved"]')?.getAttribute('data-ms') !== prev, String(await ms('workspace-autosaved')), LONG);
  console.log('autosave after a filter change', { ms: await ms('workspace-autosaved'), bytes: Number(await page.getAttribute('[data-testid="workspace-autosaved"]', 'data-bytes')) });

  t = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', LONG), page.click('[data-testid="workspace-save"]')]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'overblik-measure-')), download.suggestedFilename());
  await download.saveAs(file);
  await page.waitForSelector('[data-testid="workspace-note"][data-kind="saved"]', LONG);
  console.log('Gem analyse', { bytes: statSync(file).size, ms: await ms('workspace-note'), wallMs: Date.now() - t });

  await page.click('[data-testid="workspace-clear"]');
  await page.click('[data-testid="workspace-clear-confirm"]');
  await page.waitForSelector('[data-testid="workspace-note"][data-kind="cleared"]', LONG);
  t = Date.now();
  await page.setInputFiles('[data-testid="workspace-open"]', file);
  await page.waitForSelector('[data-testid="workspace-note"][data-kind="opened"]', LONG);
  console.log('Åbn analyse', { ms: await ms('workspace-note'), wallMs: Date.now() - t });
  await page.waitForSelector('[data-testid="workspace-autosaved"]', { ...LONG, state: 'attached' });

  t = Date.now();
  await page.reload();
  await page.waitForSelector('[data-testid="workspace-note"][data-kind="restored"]', LONG);
  console.log('reload restored from autosave', { wallMs: Date.now() - t });
  await context.close();
} finally {
  await browser.close();
  await preview.stop();
}
