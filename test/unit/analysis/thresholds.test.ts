import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import {
  defaultThresholds, loadThresholds, resetThresholds, saveThresholds, thresholdFor, validateThresholds,
} from '../../../src/core/thresholds/index.js';

describe('EU thresholds as dated, editable data', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('ships the DOMAIN.md figures with their sources, estimates flagged', () => {
    const list = defaultThresholds();
    expect(validateThresholds(list)).toEqual([]);
    const at = (regime: 'standard' | 'light' | 'works' | 'small-lots', date: string) => thresholdFor(list, regime, date)!;
    expect(at('standard', '2025-06-30')).toMatchObject({ eur: 221_000, dkk: 1_644_638, estimate: false, outOfRange: false });
    expect(at('light', '2024-01-01')).toMatchObject({ eur: 750_000, dkk: 5_581_350, estimate: false });
    expect(at('small-lots', '2025-12-31')).toMatchObject({ eur: 80_000, dkk: 595_344, estimate: false });
    expect(at('works', '2025-01-01')).toMatchObject({ eur: 5_538_000, estimate: true });
    expect(at('standard', '2026-01-01')).toMatchObject({ eur: 216_000, dkk: 1_610_000, estimate: true });
    expect(at('works', '2027-12-31')).toMatchObject({ eur: 5_404_000, dkk: 40_300_000, estimate: true });
    for (const t of list) expect(t.source.length).toBeGreaterThan(10);
    // After the last period the latest one is used, and says so.
    expect(at('standard', '2029-03-01')).toMatchObject({ validFrom: '2026-01-01', outOfRange: true });
    // Every regime of the category tree has a threshold.
    for (const c of defaultCategoryTree().categories) expect(thresholdFor(list, c.regime, '2025-01-01')).not.toBeNull();
  });

  it('finds problems in an edited table', () => {
    const list = defaultThresholds();
    list[1] = { ...list[1]!, validFrom: '2025-06-01' };
    list[2] = { ...list[2]!, source: ' ' };
    const problems = validateThresholds(list);
    expect(problems.some((p) => p.includes('overlap'))).toBe(true);
    expect(problems.some((p) => p.includes('source'))).toBe(true);
  });

  it('lives in the workspace table, seeded once, saved and reset', async () => {
    expect(await loadThresholds(db)).toEqual(defaultThresholds().sort((a, b) => a.regime.localeCompare(b.regime) || a.validFrom.localeCompare(b.validFrom)));
    const edited = defaultThresholds().map((t) => (t.regime === 'standard' && t.validFrom === '2026-01-01' ? { ...t, dkk: 1_612_345, estimate: false, source: 'KFST 2026–27' } : t));
    await saveThresholds(db, edited);
    expect(thresholdFor(await loadThresholds(db), 'standard', '2026-05-01')).toMatchObject({ dkk: 1_612_345, estimate: false });
    await expect(saveThresholds(db, [{ ...edited[0]!, dkk: -1 }])).rejects.toThrow(/positive/);
    await resetThresholds(db);
    expect(thresholdFor(await loadThresholds(db), 'standard', '2026-05-01')).toMatchObject({ dkk: 1_610_000, estimate: true });
  });
});
