import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import {
  DEFAULT_RATES, DEFAULT_RULES, defaultOpportunitySettings, loadOpportunitySettings, resetOpportunitySettings,
  saveOpportunitySettings, validateOpportunitySettings, type OpportunitySettings,
} from '../../../src/core/analysis/opportunities/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { defaultThresholds, loadThresholds, saveThresholds, thresholdProblems } from '../../../src/core/thresholds/index.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { SettingsError } from '../../../src/core/workspace/settings-error.js';

const edited = (f: (s: OpportunitySettings) => void): OpportunitySettings => {
  const s = defaultOpportunitySettings();
  f(s);
  return s;
};
const fields = (s: OpportunitySettings) => validateOpportunitySettings(s).map((p) => p.field);

describe('opportunity settings: savings rates and rules as workspace configuration', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('defaults when nothing is saved (DOMAIN.md: 5/10/20 %, 62 kr., 250 kr.)', async () => {
    const s = await loadOpportunitySettings(db);
    expect(s).toEqual({ rates: DEFAULT_RATES, rules: DEFAULT_RULES });
    expect(s.rates).toMatchObject({ low: 0.05, base: 0.1, high: 0.2, perInvoice: 62 });
    expect(s.rules.smallOrderLimit).toBe(250);
    expect(validateOpportunitySettings(s)).toEqual([]);
  });

  it('saves, loads exactly, survives a new analysis (clearWorkspace) and resets', async () => {
    const s = edited((x) => {
      x.rates.base = 0.15;
      x.rates.high = 0.25;
      x.rates.perInvoice = 80.5;
      x.rates.invoicesRemoved.low = 0.4;
      x.rules.smallOrderLimit = 500;
      x.rules.consolidateMinAnnual = 40_000;
      x.rules.consolidateKeep = 2;
    });
    await saveOpportunitySettings(db, s);
    expect(await loadOpportunitySettings(db)).toEqual(s);
    const [n] = await queryRows(db, 'SELECT count(*) AS n FROM opportunity_settings');
    expect(n?.n).toBe(7 + Object.keys(DEFAULT_RULES).length);
    // Configuration, like the threshold table: a new analysis keeps it.
    await clearWorkspace(db);
    expect(await loadOpportunitySettings(db)).toEqual(s);
    await resetOpportunitySettings(db);
    expect(await loadOpportunitySettings(db)).toEqual(defaultOpportunitySettings());
  });

  it('a setting missing from the table (e.g. added in a later version) takes its default; unknown keys are ignored', async () => {
    await saveOpportunitySettings(db, edited((x) => (x.rates.base = 0.12)));
    await db.exec("DELETE FROM opportunity_settings WHERE key = 'rules.priceMinAnnual'");
    await db.exec("INSERT INTO opportunity_settings VALUES ('rules.noSuchRule', 3), ('rates', 1)");
    const s = await loadOpportunitySettings(db);
    expect(s.rates.base).toBe(0.12);
    expect(s.rules.priceMinAnnual).toBe(DEFAULT_RULES.priceMinAnnual);
    expect(s.rules).not.toHaveProperty('noSuchRule');
    await resetOpportunitySettings(db);
  });

  it('refuses invalid settings with clear problems in Danish and English, and writes nothing', async () => {
    expect(fields(edited((x) => (x.rates.base = 1.2)))).toEqual(['rates.base', 'rates.base']);
    expect(fields(edited((x) => (x.rates.low = -0.01)))).toEqual(['rates.low']);
    expect(fields(edited((x) => (x.rates.low = 0.15)))).toEqual(['rates.base']); // low > base
    expect(fields(edited((x) => (x.rates.invoicesRemoved.high = 0.6)))).toEqual(['rates.invoicesRemoved.base']);
    expect(fields(edited((x) => (x.rates.perInvoice = -1)))).toEqual(['rates.perInvoice']);
    expect(fields(edited((x) => (x.rules.smallOrderLimit = 0)))).toEqual(['rules.smallOrderLimit']);
    expect(fields(edited((x) => (x.rules.consolidateMinSuppliers = 2.5)))).toEqual(['rules.consolidateMinSuppliers']);
    expect(fields(edited((x) => (x.rules.consolidateKeep = 5)))).toEqual(['rules.consolidateKeep']);
    expect(fields(edited((x) => (x.rules.agreementMinShare = 2)))).toEqual(['rules.agreementMinShare']);
    expect(fields(edited((x) => (x.rules.priceMinAnnual = Number.NaN)))).toEqual(['rules.priceMinAnnual']);
    const [problem] = validateOpportunitySettings(edited((x) => (x.rates.low = -0.01)));
    expect(problem).toEqual({ field: 'rates.low', da: 'skal være mellem 0 og 100 %', en: 'must be between 0 and 100 %' });

    const before = await loadOpportunitySettings(db);
    const bad = edited((x) => {
      x.rates.base = 0.3;
      x.rules.smallOrderLimit = -5;
    });
    const error = await saveOpportunitySettings(db, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems.map((p) => p.field)).toEqual(['rates.base', 'rules.smallOrderLimit']);
    expect((error as SettingsError).message).toMatch(/low ≤ base ≤ high/);
    expect(await loadOpportunitySettings(db)).toEqual(before);
  });

  it('threshold problems come in Danish too, naming the row; an invalid table is refused as a whole', async () => {
    const list = defaultThresholds();
    const row = list.length;
    list.push({ regime: 'standard', validFrom: '2027-06-01', validTo: '2029-12-31', eur: 0, dkk: 1_600_000, estimate: true, source: '' });
    const problems = thresholdProblems(list);
    expect(problems.map((p) => p.field)).toEqual([`${row}.eur`, `${row}.source`, `${row}.validFrom`]);
    expect(problems[0]!.da).toMatch(new RegExp(`^Række ${row + 1} .*positive`));
    expect(problems[2]!.da).toMatch(/overlapper/);
    const before = await loadThresholds(db);
    const error = await saveThresholds(db, list).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SettingsError);
    expect(await loadThresholds(db)).toEqual(before);
    // A new period after the last one is accepted.
    const next = [...defaultThresholds(), { regime: 'standard' as const, validFrom: '2028-01-01', validTo: '2029-12-31', eur: 216_000, dkk: 1_611_000, estimate: true, source: 'Skøn' }];
    await saveThresholds(db, next);
    expect((await loadThresholds(db)).filter((t) => t.regime === 'standard').map((t) => t.validFrom)).toEqual(['2024-01-01', '2026-01-01', '2028-01-01']);
  });
});
