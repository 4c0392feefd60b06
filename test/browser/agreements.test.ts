import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToDirectory } from '../../src/cli/gen.js';
import { launchChromium } from '../support/browser.js';
import { openApp, openAppWithDemo, outsideRequests, screenshot } from '../support/app-page.js';

const settled = async (page: Page) => {
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), undefined, { timeout: 120_000 });
  await page.waitForTimeout(300);
};
/** The opportunities on the list as kind:category. */
const kinds = async (page: Page) =>
  page.$$eval('[data-testid="opportunity-list"] > [data-testid="opportunity"]', (items) => items.map((li) => `${li.getAttribute('data-kind')}:${li.getAttribute('data-category')}`));

describe('Agreements tab on Demo Kommune', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the register with the categories each agreement covers; a person\u2019s choice changes the findings, and automatic gives them back', async () => {
    const { page, requests } = await openAppWithDemo(browser);
    await page.evaluate(() => (window.location.hash = '#/opportunities'));
    await page.waitForSelector('[data-testid="savings-total"]', { timeout: 120_000 });
    await settled(page);
    const before = await kinds(page);
    expect(before).toContain('agreement:it.hardware');

    await page.click('[data-testid="opp-tab-agreements"]');
    await page.waitForSelector('[data-testid="agreements-panel"]', { timeout: 120_000 });
    await settled(page);
    const rows = page.locator('[data-testid="agreements-table"] tbody tr:not([aria-hidden])');
    expect(await rows.count()).toBeGreaterThan(20);
    // Demo Kommune's register names our category ids: every agreement is mapped, none unsure.
    expect(await page.locator('[data-testid="agreements-table"] .agr-unmapped').count()).toBe(0);
    expect(await page.locator('[data-testid="compliance-table"] tbody tr:not([aria-hidden])').count()).toBeGreaterThan(10);
    await screenshot(page, 'agreements-tab-da');

    // The IT hardware agreement: say it covers nothing; its "use the agreement" finding goes.
    const row = rows.filter({ hasText: 'K-2023-031' });
    await row.locator('[data-testid="agreement-edit"]').click();
    await page.waitForSelector('[data-testid="agreement-editor"]');
    await page.uncheck('[data-testid="agreement-editor"] input[data-category="it.hardware"]');
    await screenshot(page, 'agreements-editor-da');
    await page.click('[data-testid="agreement-save"]');
    await page.waitForSelector('[data-testid="agreement-message"]');
    await settled(page);
    expect(await rows.filter({ hasText: 'K-2023-031' }).locator('.agr-unmapped').count()).toBe(1);
    await page.click('[data-testid="opp-tab-list"]');
    await settled(page);
    const after = await kinds(page);
    expect(after).not.toContain('agreement:it.hardware');

    // Back to the automatic mapping.
    await page.click('[data-testid="opp-tab-agreements"]');
    await settled(page);
    await rows.filter({ hasText: 'K-2023-031' }).locator('[data-testid="agreement-edit"]').click();
    await page.click('[data-testid="agreement-auto"]');
    await page.waitForSelector('[data-testid="agreement-message"]');
    await settled(page);
    await page.click('[data-testid="opp-tab-list"]');
    await settled(page);
    expect(await kinds(page)).toContain('agreement:it.hardware');

    // English.
    await page.evaluate(() => (window.location.hash = '#/opportunities?lang=en'));
    await page.click('[data-testid="opp-tab-agreements"]');
    await settled(page);
    expect(await page.locator('[data-testid="agreements-panel"] h2').first().textContent()).toBe('Agreements and categories');
    await screenshot(page, 'agreements-tab-en');
    expect(outsideRequests(requests)).toEqual([]);
  });

  it('maps a register written in the municipality\u2019s own words (Fjordby Kommune) and warns of a framework near its maximum', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-fjordby-browser-'));
    try {
      await generateToDirectory({ profile: 'fjordby', lines: 20_000, seed: 'browser-agreements', out: dir, formats: ['csv', 'contracts'], truth: false });
      const { page, requests } = await openApp(browser, '#/import');
      await page.setInputFiles('[data-testid="file-input"]', [path.join(dir, 'fakturalinjer.csv'), path.join(dir, 'kontrakter.csv')]);
      await page.waitForSelector('[data-testid="mapping-confirm"]', { timeout: 90_000 });
      await page.click('[data-testid="mapping-confirm"]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-file-row"]').length === 2, undefined, { timeout: 180_000 });
      await page.evaluate(() => (window.location.hash = '#/opportunities'));
      await page.waitForSelector('[data-testid="savings-total"]', { timeout: 180_000 });
      await settled(page);
      await page.click('[data-testid="opp-tab-agreements"]');
      await page.waitForSelector('[data-testid="agreements-panel"]', { timeout: 120_000 });
      await settled(page);
      const panel = page.locator('[data-testid="agreements-panel"]');
      expect(Number(await panel.getAttribute('data-value'))).toBeGreaterThanOrEqual(30);
      // No category ids in this register: the categories come from its area column, names, and suppliers.
      expect(Number(await panel.getAttribute('data-unmapped'))).toBeLessThanOrEqual(2);
      expect(Number(await panel.getAttribute('data-near-max'))).toBeGreaterThanOrEqual(1);
      const rows = page.locator('[data-testid="agreements-table"] tbody tr:not([aria-hidden])');
      expect(await rows.filter({ hasText: 'Computere og skærme' }).textContent()).toMatch(/IT-hardware/);
      await screenshot(page, 'agreements-tab-fjordby-da');
      // Scroll the register to its end (the rows are virtualised) for the electricity agreement.
      await page.locator('[data-testid="agreements-table"]').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(300);
      expect(await rows.filter({ hasText: 'Levering af el' }).textContent()).toMatch(/Elektricitet/);
      expect(outsideRequests(requests)).toEqual([]);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
