import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere, monthsAndUnit, wholeMonths } from '../../../src/core/analysis/filters-sql.js';
import { analysisSpendTotals, categorySpend, prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import { loadSupplierOverview } from '../../../src/core/analysis/views/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows, queryValue } from '../../../src/core/db/rows.js';
import { EMPTY_FILTERS, type Filters } from '../../../src/core/state/url-state.js';
import { acceptMerge, listMergeProposals } from '../../../src/core/suppliers/index.js';
import { openCoreDemo } from '../../support/core-demo.js';

/**
 * The overview's month chart and largest suppliers come from the same prepared lines as its other
 * figures. Checked against plain SQL over spend_line, with a supplier merge accepted, unfiltered and
 * under each kind of filter the bench changes (period, unit).
 */
describe('the overview screen: months and largest suppliers (Demo Kommune, 4,000 lines)', () => {
  let db: DbConnector;
  let unit: string;
  let merged: { fromKey: string; toKey: string };

  beforeAll(async () => {
    db = await openCoreDemo(4000);
    unit = String(await queryValue(db, 'SELECT unit FROM spend_line WHERE counted GROUP BY unit ORDER BY count(*) DESC LIMIT 1'));
    const [proposal] = await listMergeProposals(db, 'proposed');
    merged = { fromKey: proposal!.fromKey, toKey: proposal!.toKey };
    await acceptMerge(db, merged.fromKey, merged.toKey);
  });
  afterAll(() => db?.close());

  const cases = (): [string, Filters][] => [
    ['no filter', EMPTY_FILTERS],
    ['a period of whole months', { ...EMPTY_FILTERS, from: '2024-04-01', to: '2025-03-31' }],
    ['from a month on', { ...EMPTY_FILTERS, from: '2024-07-01' }],
    ['a period that is not whole months', { ...EMPTY_FILTERS, from: '2024-04-02', to: '2025-03-30' }],
    ['a unit', { ...EMPTY_FILTERS, unit }],
  ];

  it('each month\'s spend is the sum of its counted lines, to the øre', async () => {
    for (const [, filters] of cases()) {
      const where = filtersWhere(filters);
      const overview = await loadOverview(db, where);
      const oracle = await queryRows(
        db,
        `SELECT strftime(coalesce(document_date, posting_date), '%Y-%m') AS month, sum(amount)::DECIMAL(18,2)::VARCHAR AS spend
           FROM spend_line WHERE ${where} AND coalesce(document_date, posting_date) IS NOT NULL GROUP BY 1 ORDER BY 1`,
      );
      expect(overview.months.map((m) => [m.month, m.spend.toFixed(2)])).toEqual(oracle.map((r) => [r.month, r.spend]));
      expect(overview.months.length).toBeGreaterThan(filters.unit ? 6 : 11);
    }
  });

  it('the largest suppliers have merges applied and the Suppliers screen\'s names and spend', async () => {
    for (const [name, filters] of cases()) {
      const where = filtersWhere(filters);
      const overview = await loadOverview(db, where, 5, undefined, 8);
      const oracle = await queryRows(
        db,
        `SELECT coalesce(mm.to_key, l.supplier_key) AS key, sum(l.amount)::DECIMAL(18,2)::VARCHAR AS spend, count(*) AS lines
           FROM spend_line l LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key
          WHERE ${where.replaceAll(/\b(counted|unit|document_date|posting_date)\b/g, 'l.$1')}
          GROUP BY 1 ORDER BY sum(l.amount) DESC, 1 LIMIT 8`,
      );
      expect(overview.topSuppliers, name).toHaveLength(8);
      expect(overview.topSuppliers.map((s) => [s.spend.toFixed(2), s.lines])).toEqual(oracle.map((r) => [r.spend, Number(r.lines)]));
      const screen = await loadSupplierOverview(db, { where, limit: 8 });
      expect(overview.topSuppliers.map((s) => s.supplier)).toEqual(screen.rows.map((r) => r.name));
      expect(overview.topSuppliers.map((s) => s.spend)).toEqual(screen.rows.map((r) => r.spend));
    }
    // Unfiltered and unlimited: one row per supplier after the merge, together the overview's total spend.
    const all = await loadOverview(db, filtersWhere(EMPTY_FILTERS), 5, undefined, 10_000);
    const keys = `SELECT count(DISTINCT coalesce(mm.to_key, l.supplier_key)) FROM spend_line l
                    LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key WHERE l.counted`;
    expect(all.topSuppliers).toHaveLength(Number(await queryValue(db, keys)));
    expect(all.topSuppliers).toHaveLength(all.totals.suppliers);
    expect(all.topSuppliers.reduce((s, t) => s + Math.round(t.spend * 100), 0)).toBe(Math.round(all.totals.spend * 100));
  });

  it('its totals and category spend, read from one grouping of the lines, equal the same figures scanned from the lines', async () => {
    for (const [name, filters] of cases()) {
      const where = filtersWhere(filters);
      const overview = await loadOverview(db, where);
      const lines = await prepareAnalysisLines(db, { where });
      try {
        expect(overview.totals, name).toEqual(await analysisSpendTotals(db, lines));
        if (lines.filtered) {
          const direct = await categorySpend(db, lines);
          expect(overview.category1, name).toEqual(direct.category1);
          expect(overview.category2, name).toEqual(direct.category2);
        }
      } finally {
        await lines.close();
      }
      const [oracle] = await queryRows(db, `SELECT sum(amount)::DECIMAL(18,2)::VARCHAR AS s, count(*) AS n FROM spend_line WHERE ${where}`);
      expect([overview.totals.spend.toFixed(2), overview.totals.lines]).toEqual([oracle!.s, Number(oracle!.n)]);
    }
  });

  it('whole months and a unit read the kept groups of all lines; the same lines through another condition are grouped apart, to the same figures', async () => {
    const asked: string[] = [];
    const spy: DbConnector = { ...db, runtime: db.runtime, exec: (sql, ...rest) => (asked.push(sql), db.exec(sql, ...rest)), query: (sql, ...rest) => (asked.push(sql), db.query(sql, ...rest)) };
    for (const filters of [{ ...EMPTY_FILTERS, from: '2024-05-01', to: '2024-10-31' }, { ...EMPTY_FILTERS, to: '2024-09-30' }, { ...EMPTY_FILTERS, unit },
      { ...EMPTY_FILTERS, from: '2024-02-01', unit }]) {
      const where = filtersWhere(filters);
      expect(monthsAndUnit(where)).not.toBeNull();
      asked.length = 0;
      const fromKept = await loadOverview(spy, where);
      expect(asked.filter((s) => /TEMP TABLE "_ovb_lines_(?!all_)[^"]*_spend"/.test(s))).toEqual([]);
      expect(asked.some((s) => /_ovb_lines_all_[^"]*_groups"/.test(s))).toBe(true);
      // The same lines, in a condition the shortcut does not know: grouped from the lines themselves.
      asked.length = 0;
      const grouped = await loadOverview(spy, `${where} AND TRUE`);
      expect(asked.some((s) => /TEMP TABLE "_ovb_lines_(?!all_)[^"]*_spend"/.test(s))).toBe(true);
      expect(fromKept).toEqual(grouped);
      expect(fromKept.totals.lines).toBeGreaterThan(0);
    }
  });
});

describe('wholeMonths', () => {
  it('knows the periods filtersWhere writes from a first to a last day, and nothing else', () => {
    const w = (f: Partial<Filters>) => wholeMonths(filtersWhere({ ...EMPTY_FILTERS, ...f }));
    expect(w({ from: '2024-02-01' })).toEqual({ from: '2024-02-01', to: null });
    expect(w({ to: '2024-02-29' })).toEqual({ from: null, to: '2024-02-01' });
    expect(w({ from: '2023-12-01', to: '2024-11-30' })).toEqual({ from: '2023-12-01', to: '2024-11-01' });
    expect(w({ to: '2023-02-28' })).toEqual({ from: null, to: '2023-02-01' });
    for (const f of [{}, { from: '2024-02-02' }, { to: '2024-02-28' }, { to: '2023-02-29' }, { from: '2024-02-01', unit: 'Skolen' },
      { from: '2024-02-01', source: 'invoice' }, { from: '2024-02-01', category: 'it' }] satisfies Partial<Filters>[]) {
      expect(w(f), JSON.stringify(f)).toBeNull();
    }
    expect(wholeMonths(`${filtersWhere({ ...EMPTY_FILTERS, from: '2024-02-01' })} OR TRUE`)).toBeNull();
  });

  it('monthsAndUnit also knows one unit, alone or with whole months, whatever its name', () => {
    const p = (f: Partial<Filters>) => monthsAndUnit(filtersWhere({ ...EMPTY_FILTERS, ...f }));
    expect(p({ unit: "Børnehuset 'Solsikken' AND TRUE" })).toEqual({ months: { from: null, to: null }, unit: "Børnehuset 'Solsikken' AND TRUE" });
    expect(p({ from: '2024-03-01', to: '2024-03-31', unit: 'Skolen' })).toEqual({ months: { from: '2024-03-01', to: '2024-03-01' }, unit: 'Skolen' });
    expect(p({ from: '2024-03-02', unit: 'Skolen' })).toBeNull();
    expect(p({ unit: 'Skolen', source: 'invoice' })).toBeNull();
    expect(p({})).toBeNull();
    expect(wholeMonths(filtersWhere({ ...EMPTY_FILTERS, from: '2024-03-01', unit: 'Skolen' }))).toBeNull();
  });
});
