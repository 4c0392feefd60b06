import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { findOpportunitiesIn } from '../../../src/core/analysis/opportunities/index.js';
import { computeWindow } from '../../../src/core/analysis/opportunities/stats.js';
import { queryRows } from '../../../src/core/db/rows.js';
import type { OpportunityResult } from '../../../src/core/analysis/opportunities/types.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { EMPTY_FILTERS, type Filters } from '../../../src/core/state/url-state.js';
import { openCoreDemo } from '../../support/core-demo.js';

/**
 * The opportunities' window figures (category figures, covered lines) are memoised by the window's
 * rows: a period that starts before the § 35 window leaves them as they are and takes them from the
 * memo, while its price variance (the whole period) is computed anew. Whatever the memo holds, the
 * result must be what a computation without any memo gives.
 */
describe('opportunities under a period, the window memoised by its rows (Demo Kommune, 5,000 lines)', () => {
  let db: DbConnector;
  const sql: string[] = [];
  beforeAll(async () => {
    const inner = await openCoreDemo(5000);
    // Every statement the analysis sends, to see which figures were computed.
    db = { ...inner, query: (q, o) => (sql.push(q), inner.query(q, o)), exec: (q, o) => (sql.push(q), inner.exec(q, o)) };
  });
  afterAll(() => db?.close());

  async function opportunities(filters: Filters, memo: boolean): Promise<{ result: OpportunityResult; statsComputed: boolean }> {
    const lines = await prepareAnalysisLines(db, { where: filtersWhere(filters) });
    try {
      sql.length = 0;
      const result = await findOpportunitiesIn(db, memo ? lines : { ...lines, contentKey: undefined });
      return { result, statsComputed: sql.some((q) => q.includes('WITH win AS')) };
    } finally {
      await lines.close();
    }
  }

  it('a period before the window reuses the window figures; one inside it does not; both equal a computation without memo', async () => {
    const all = await opportunities(EMPTY_FILTERS, true);
    const window = all.result.window!;
    expect(all.statsComputed).toBe(true);
    expect(all.result.opportunities.length).toBeGreaterThan(3);
    // The demo has e-commerce item prices: price variance is among the findings and claims lines.
    expect(all.result.opportunities.some((o) => o.kind === 'price-variance')).toBe(true);

    const shift = (date: string, months: number) => {
      const d = new Date(`${date}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString().slice(0, 10);
    };
    const before = { ...EMPTY_FILTERS, from: shift(window.from, -2) };
    const inside = { ...EMPTY_FILTERS, from: shift(window.from, 3) };

    const b = await opportunities(before, true);
    // The same window (its period is shorter: price variance and its annual figures differ).
    expect({ ...b.result.window, periodFrom: null, periodMonths: null, periodFactor: null }).toEqual({ ...window, periodFrom: null, periodMonths: null, periodFactor: null });
    expect(b.result.window?.periodFrom).not.toBe(window.periodFrom);
    expect(b.statsComputed).toBe(false);
    expect(b.result).toEqual((await opportunities(before, false)).result);

    const i = await opportunities(inside, true);
    expect(i.result.window?.from).not.toBe(window.from);
    expect(i.statsComputed).toBe(true);
    expect(i.result).toEqual((await opportunities(inside, false)).result);
  });

  it('the window of all lines, whole months or a unit comes from the dates kept per unit and month, and equals the one the lines give', async () => {
    const units = (await queryRows(db, 'SELECT unit, count(*) AS n FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1'))
      .map((r) => String(r.unit));
    const cases: Array<{ filters: Filters; grouped: boolean }> = [
      { filters: EMPTY_FILTERS, grouped: true },
      { filters: { ...EMPTY_FILTERS, from: '2025-03-01' }, grouped: true },
      { filters: { ...EMPTY_FILTERS, from: '2024-02-01', to: '2025-06-30' }, grouped: true },
      { filters: { ...EMPTY_FILTERS, unit: units[0]! }, grouped: true },
      { filters: { ...EMPTY_FILTERS, unit: units.at(-1)!, to: '2025-08-31' }, grouped: true },
      // A period that cuts months, and a unit with no lines: the lines themselves are read.
      { filters: { ...EMPTY_FILTERS, from: '2025-03-15', to: '2025-10-20' }, grouped: false },
      { filters: { ...EMPTY_FILTERS, unit: 'Findes ikke' }, grouped: true },
    ];
    for (const { filters, grouped } of cases) {
      const lines = await prepareAnalysisLines(db, { where: filtersWhere(filters) });
      try {
        sql.length = 0;
        const fromGroups = await computeWindow(db, lines);
        const read = sql.join('\n');
        // Grouped: the dates kept per unit and month (read once per state), not the lines.
        expect(read.includes(`"${lines.table}"`), JSON.stringify(filters)).toBe(!grouped);
        // The same preparation without its content key is taken for a copy with another table: it scans.
        const scanned = await computeWindow(db, { ...lines, contentKey: undefined });
        expect(fromGroups, JSON.stringify(filters)).toEqual(scanned);
        if (filters.unit === 'Findes ikke') expect(fromGroups).toBeNull();
        else expect(fromGroups?.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } finally {
        await lines.close();
      }
    }
  });
});
