import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { untilWritten } from '../../db/write-count.js';
import { literal } from '../../sql/escape.js';
import { SettingsError, type SettingProblem } from '../../workspace/settings-error.js';
import { DEFAULT_RATES, DEFAULT_RULES, type OpportunityRules, type SavingsRates } from './types.js';

/**
 * The savings rates and opportunity rules a person edited, kept as workspace configuration (like
 * the threshold table): one row per setting, `rates.base`, `rules.smallOrderLimit`, … A missing
 * row means the default, so settings added in a later version start at their default.
 * findOpportunities uses these unless the caller passes its own.
 */

export interface OpportunitySettings {
  rates: SavingsRates;
  rules: OpportunityRules;
}

export const OPPORTUNITY_SETTINGS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS opportunity_settings (
  key VARCHAR NOT NULL,
  value DECIMAL(18,6) NOT NULL
)`;

export function defaultOpportunitySettings(): OpportunitySettings {
  return { rates: { ...DEFAULT_RATES, invoicesRemoved: { ...DEFAULT_RATES.invoicesRemoved } }, rules: { ...DEFAULT_RULES } };
}

type Entry = [key: string, value: number];

function flatten(s: OpportunitySettings): Entry[] {
  const { invoicesRemoved, ...rates } = s.rates;
  return [
    ...Object.entries(rates).map(([k, v]): Entry => [`rates.${k}`, v]),
    ...Object.entries(invoicesRemoved).map(([k, v]): Entry => [`rates.invoicesRemoved.${k}`, v]),
    ...Object.entries(s.rules).map(([k, v]): Entry => [`rules.${k}`, v]),
  ];
}

/** Builds settings from stored rows over the defaults; unknown keys are ignored. */
function unflatten(entries: readonly Entry[]): OpportunitySettings {
  const s = defaultOpportunitySettings();
  const rates = s.rates as unknown as Record<string, number>;
  const removed = s.rates.invoicesRemoved as Record<string, number>;
  const rules = s.rules as unknown as Record<string, number>;
  for (const [key, value] of entries) {
    if (!Number.isFinite(value)) continue;
    const [group, a, b] = key.split('.');
    if (group === 'rates' && a === 'invoicesRemoved' && b && b in removed) removed[b] = value;
    else if (group === 'rates' && a && !b && a !== 'invoicesRemoved' && a in rates) rates[a] = value;
    else if (group === 'rules' && a && !b && a in rules) rules[a] = value;
  }
  return s;
}

const share = (da: string, en: string) => ({ da, en });
const MSG = {
  number: share('skal være et tal', 'must be a number'),
  rate: share('skal være mellem 0 og 100 %', 'must be between 0 and 100 %'),
  nonNegative: share('må ikke være negativ', 'must not be negative'),
  positive: share('skal være større end 0', 'must be greater than 0'),
  wholeAtLeast1: share('skal være et helt tal på mindst 1', 'must be a whole number of at least 1'),
  rateOrder: share('lav ≤ basis ≤ høj skal gælde', 'low ≤ base ≤ high must hold'),
  keep: share('skal være mindre end mindste antal leverandører', 'must be less than the minimum number of suppliers'),
};

/** Problems in both languages, each naming its field (`rates.base`, `rules.smallOrderLimit`); empty when the settings can be used. */
export function validateOpportunitySettings(s: OpportunitySettings): SettingProblem[] {
  const problems: SettingProblem[] = [];
  const add = (field: string, m: { da: string; en: string }) => problems.push({ field, ...m });
  const values = new Map(flatten(s));
  const check = (field: string, ok: (v: number) => boolean, m: { da: string; en: string }) => {
    const v = values.get(field);
    if (typeof v !== 'number' || !Number.isFinite(v)) add(field, MSG.number);
    else if (!ok(v)) add(field, m);
  };
  const rate = (v: number) => v >= 0 && v <= 1;
  const whole = (v: number) => Number.isInteger(v) && v >= 1;
  for (const k of ['low', 'base', 'high']) check(`rates.${k}`, rate, MSG.rate);
  for (const k of ['low', 'base', 'high']) check(`rates.invoicesRemoved.${k}`, rate, MSG.rate);
  check('rates.perInvoice', (v) => v >= 0, MSG.nonNegative);
  const misordered = (l: number, b: number, h: number) => !(l <= b && b <= h) && [l, b, h].every(Number.isFinite);
  if (misordered(s.rates.low, s.rates.base, s.rates.high)) add('rates.base', MSG.rateOrder);
  const r = s.rates.invoicesRemoved;
  if (misordered(r.low, r.base, r.high)) add('rates.invoicesRemoved.base', MSG.rateOrder);
  check('rules.smallOrderLimit', (v) => v > 0, MSG.positive);
  for (const k of ['tenderMinNoAgreementShare', 'agreementMinShare', 'smallOrdersMinShare']) check(`rules.${k}`, rate, MSG.rate);
  for (const k of ['agreementMinAnnual', 'consolidateMinAnnual', 'smallOrdersMinAnnual', 'priceMinSpread', 'priceMinAnnual']) {
    check(`rules.${k}`, (v) => v >= 0, MSG.nonNegative);
  }
  for (const k of ['consolidateMinSuppliers', 'consolidateMinUnits', 'consolidateKeep', 'retenderHorizonMonths']) check(`rules.${k}`, whole, MSG.wholeAtLeast1);
  if (whole(s.rules.consolidateKeep) && whole(s.rules.consolidateMinSuppliers) && s.rules.consolidateKeep >= s.rules.consolidateMinSuppliers) {
    add('rules.consolidateKeep', MSG.keep);
  }
  return problems;
}

/**
 * The saved settings, read again only after a write where the connector counts them (the app): two
 * statements less for every filter change (~10–20 ms at 1M lines in DuckDB-WASM).
 */
export async function loadOpportunitySettings(db: DbConnector): Promise<OpportunitySettings> {
  const entries = await untilWritten(db, 'opportunity-settings', async () => {
    await db.exec(OPPORTUNITY_SETTINGS_TABLE_SQL);
    const rows = await queryRows(db, 'SELECT key, value FROM opportunity_settings');
    return rows.map((r): Entry => [String(r.key), Number(r.value)]);
  });
  return unflatten(entries);
}

/** Replaces the saved settings; refuses invalid ones (SettingsError with the problems) and writes nothing then. */
export async function saveOpportunitySettings(db: DbConnector, s: OpportunitySettings): Promise<void> {
  const problems = validateOpportunitySettings(s);
  if (problems.length) throw new SettingsError('Invalid opportunity settings', problems);
  await db.exec(OPPORTUNITY_SETTINGS_TABLE_SQL);
  await db.exec('DELETE FROM opportunity_settings');
  const rows = flatten(s).map(([k, v]) => `(${literal(k)}, ${literal(v)})`);
  await db.exec(`INSERT INTO opportunity_settings VALUES ${rows.join(', ')}`);
}

/** Back to the defaults (DOMAIN.md): the saved rows are removed. */
export async function resetOpportunitySettings(db: DbConnector): Promise<void> {
  await db.exec(OPPORTUNITY_SETTINGS_TABLE_SQL);
  await db.exec('DELETE FROM opportunity_settings');
}
