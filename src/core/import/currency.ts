import rates from './currency-rates.json' with { type: 'json' };
import { literal } from '../sql/escape.js';

/**
 * A dated, editable rate table (kr. per unit). A line in another currency keeps its currency and
 * original amount; its DKK amount uses this table. Rates are text so they stay exact in SQL.
 */
export interface RateTable {
  date: string;
  source: string;
  estimate: boolean;
  rates: Record<string, string>;
}

export function defaultRates(): RateTable {
  return { ...rates, rates: { ...rates.rates } };
}

export const CURRENCIES = Object.keys(rates.rates);

/** SQL for the rate of a currency column, NULL when the currency is unknown. */
export function rateSql(currencyColumn: string, table: RateTable = defaultRates()): string {
  const cases = Object.entries(table.rates)
    .filter(([code, rate]) => /^[A-Z]{3}$/.test(code) && /^\d+(\.\d+)?$/.test(rate))
    .map(([code, rate]) => `WHEN ${literal(code)} THEN CAST(${literal(rate)} AS DECIMAL(18,6))`);
  return `CASE ${currencyColumn} ${cases.join(' ')} END`;
}
