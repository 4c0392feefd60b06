import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import {
  hasSpendLines, loadCategoryDrill, loadCategoryOverview, loadLinePage, type CategoryOverview, type LineSort,
} from '../../../src/core/analysis/views/index.js';
import { analysisTotals, prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { abortable } from '../../../src/core/db/abortable.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryValue } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { literal } from '../../../src/core/sql/escape.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';

const sum = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
const where = filtersWhere(EMPTY_FILTERS);

describe('category views on Demo Kommune (5,000 lines, classified by the real engine)', () => {
  let db: DbConnector;
  let overview: CategoryOverview;

  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await refreshAnalysis(db);
    overview = await loadCategoryOverview(db, { where });
  });
  afterAll(() => db?.close());

  it('the tree: level-1 rows plus the unclassified row add up to the total, children within their parent', async () => {
    const counted = Number(await queryValue(db, 'SELECT sum(amount)::DOUBLE FROM spend_line WHERE counted'));
    expect(overview.totals.spend).toBeCloseTo(counted, 2);
    expect(sum(overview.rows.map((r) => r.spend))).toBeCloseTo(overview.totals.spend, 2);
    const last = overview.rows.at(-1)!;
    expect(last.id).toBeNull();
    expect(last.name.da).toBe('Ikke klassificeret');
    expect(last.spend).toBeCloseTo(overview.totals.unclassifiedSpend, 2);
    expect(last.addressable).toBeNull();
    const classified = overview.rows.filter((r) => r.id !== null);
    expect(classified.length).toBeGreaterThan(10);
    for (let i = 1; i < classified.length; i++) expect(classified[i - 1]!.spend).toBeGreaterThanOrEqual(classified[i]!.spend);
    for (const r of classified) {
      expect(r.level).toBe(1);
      expect(r.children.length).toBeGreaterThan(0);
      for (const c of r.children) expect(c.parentId).toBe(r.id);
      expect(sum(r.children.map((c) => c.spend))).toBeLessThanOrEqual(r.spend + 0.01);
      expect(r.suppliers80).toBeLessThanOrEqual(r.suppliers);
      expect(r.hhi).toBeGreaterThan(0);
      expect(r.hhi).toBeLessThanOrEqual(10_000);
    }
    expect(overview.rows.find((r) => r.id === 'nonaddr')?.addressable).toBe(false);
    expect(overview.rows.find((r) => r.id === 'it')?.addressable).toBe(true);
    expect(sum(overview.rows.map((r) => r.share))).toBeCloseTo(1, 6);
    // The demo loads a contract register, so on-contract shares are numbers.
    expect(overview.hasContracts).toBe(true);
    expect(classified.some((r) => (r.onContractShare ?? 0) > 0)).toBe(true);
  });

  it('the global filters apply (a unit filter, checked against plain SQL)', async () => {
    const unit = String(await queryValue(db, 'SELECT unit FROM spend_line GROUP BY unit ORDER BY count(*) DESC LIMIT 1'));
    const filtered = await loadCategoryOverview(db, { where: filtersWhere({ ...EMPTY_FILTERS, unit }) });
    const oracle = Number(await queryValue(db, `SELECT sum(amount)::DOUBLE FROM spend_line WHERE counted AND unit = ${literal(unit)}`));
    expect(filtered.totals.spend).toBeCloseTo(oracle, 2);
    expect(filtered.totals.spend).toBeLessThan(overview.totals.spend);
    expect(filtered.totals.lines).toBe(Number(await queryValue(db, `SELECT count(*) FROM spend_line WHERE counted AND unit = ${literal(unit)}`)));
    // The report's totals over the same filter add the units and documents the screens leave out.
    const lines = await prepareAnalysisLines(db, { where: filtersWhere({ ...EMPTY_FILTERS, unit }) });
    try {
      const report = await analysisTotals(db, lines);
      expect(report).toMatchObject(filtered.totals);
      expect(report.units).toBe(1);
      expect(report.documents).toBe(Number(await queryValue(
        db, `SELECT count(DISTINCT file_id || ':' || coalesce(document_id, '#' || "row")) FROM spend_line WHERE counted AND unit = ${literal(unit)}`,
      )));
    } finally {
      await lines.close();
    }
  });

  it('a drill-down reconciles with its row: suppliers, units, matrix and months', async () => {
    const row = overview.rows.find((r) => r.id === 'it')!;
    const drill = await loadCategoryDrill(db, { where, categoryId: 'it' });
    expect(drill.spend).toBeCloseTo(row.spend, 2);
    expect(drill.lines).toBe(row.lines);
    expect(drill.supplierCount).toBe(row.suppliers);
    expect(drill.unitCount).toBe(row.units);
    expect(drill.suppliers).toHaveLength(row.suppliers);
    expect(sum(drill.suppliers.map((s) => s.spend))).toBeCloseTo(row.spend, 2);
    expect(sum(drill.units.map((u) => u.spend))).toBeCloseTo(row.spend, 2);
    expect(sum(drill.suppliers.map((s) => s.share))).toBeCloseTo(1, 6);
    expect(drill.suppliers[0]!.key).toBe(row.topSupplier?.key);
    expect(sum(drill.trend.map((m) => m.spend))).toBeCloseTo(row.spend, 2);
    // Matrix: top 10 suppliers × top 8 units; each row's cells + other units = the supplier's spend.
    const m = drill.matrix;
    expect(m.suppliers).toHaveLength(Math.min(10, row.suppliers));
    expect(m.units).toEqual(drill.units.slice(0, 8).map((u) => u.unit));
    m.suppliers.forEach((s, i) => expect(sum([...m.cells[i]!, m.otherUnits[i]!])).toBeCloseTo(s.spend, 2));
    const oracle = Number(
      await queryValue(
        db,
        `SELECT coalesce(sum(l.amount), 0)::DOUBLE FROM spend_line l JOIN classification c USING (line_id)
          WHERE l.counted AND c.accepted AND (c.category_id = 'it' OR starts_with(c.category_id, 'it.'))
            AND coalesce((SELECT to_key FROM supplier_merge_map WHERE from_key = l.supplier_key), l.supplier_key) = ${literal(m.suppliers[0]!.key)}
            AND l.unit IS NOT DISTINCT FROM ${literal(m.units[0] ?? null)}`,
      ),
    );
    expect(m.cells[0]![0]).toBeCloseTo(oracle, 2);
    // A level-2 category drills to its own lines only.
    const child = row.children[0]!;
    const childDrill = await loadCategoryDrill(db, { where, categoryId: child.id });
    expect(childDrill.spend).toBeCloseTo(child.spend, 2);
    // The scope's groups are taken out for the figures and dropped again, also when the drill-down is cancelled.
    const kept = () => queryValue(db, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '_ovb_drill_%'");
    expect(Number(await kept())).toBe(0);
    // Superseded right after the groups were taken out: the next figure stops, the table goes all the same.
    const stop = new AbortController();
    const made: DbConnector = {
      ...db,
      exec: async (q, o) => {
        await db.exec(q, o);
        if (q.includes('TEMP TABLE "_ovb_drill_')) stop.abort();
      },
    };
    await expect(loadCategoryDrill(abortable(made, stop.signal), { where, categoryId: 'it' }, { signal: stop.signal })).rejects.toThrow();
    expect(stop.signal.aborted).toBe(true);
    expect(Number(await kept())).toBe(0);
  });

  it('the unclassified lines drill down like a category', async () => {
    const drill = await loadCategoryDrill(db, { where, categoryId: null });
    const row = overview.rows.at(-1)!;
    expect(drill.spend).toBeCloseTo(row.spend, 2);
    expect(drill.lines).toBe(row.lines);
  });

  it('invoice lines are paged and sorted in SQL; pages join up to the whole scope', async () => {
    const scope = { where, categoryId: 'it' };
    const row = overview.rows.find((r) => r.id === 'it')!;
    const first = await loadLinePage(db, scope, { sort: 'amount', desc: true, limit: 50 });
    expect(first.total).toBe(row.lines);
    expect(first.spend).toBeCloseTo(row.spend, 2);
    expect(first.rows).toHaveLength(50);
    for (let i = 1; i < first.rows.length; i++) expect(first.rows[i - 1]!.amount).toBeGreaterThanOrEqual(first.rows[i]!.amount);
    expect(first.rows.every((r) => (r.categoryId === 'it' || r.categoryId?.startsWith('it.')) && r.categoryName.da.length > 0)).toBe(true);
    const ids: number[] = [];
    for (let offset = 0; offset < first.total; offset += 200) {
      const page = await loadLinePage(db, scope, { sort: 'date', desc: false, offset, limit: 200 });
      ids.push(...page.rows.map((r) => r.lineId));
      for (let i = 1; i < page.rows.length; i++) expect((page.rows[i - 1]!.date ?? '') <= (page.rows[i]!.date ?? '')).toBe(true);
    }
    expect(ids).toHaveLength(first.total);
    expect(new Set(ids).size).toBe(first.total);
    // Category + supplier: that supplier's lines only.
    const top = row.topSupplier!.key;
    const bySupplier = await loadLinePage(db, { ...scope, supplierKey: top }, { sort: 'supplier', limit: 1000 });
    expect(bySupplier.rows.every((r) => r.supplierKey === top)).toBe(true);
    const drill = await loadCategoryDrill(db, scope);
    expect(bySupplier.total).toBe(drill.suppliers[0]!.lines);
  });

  it('an unknown sort id never becomes SQL, and search text is quoted', async () => {
    const page = await loadLinePage(db, { where }, { sort: 'amount; DROP TABLE spend_line' as LineSort, limit: 5 });
    expect(page.rows).toHaveLength(5);
    const quoted = await loadLinePage(db, { where }, { search: "O'Brien\"; --", limit: 5 });
    expect(quoted.total).toBe(0);
    const found = await loadLinePage(db, { where }, { search: 'objektiv finansiering', limit: 5 });
    expect(found.total).toBeGreaterThan(0);
    expect(found.rows.every((r) => r.description?.toLowerCase().includes('objektiv finansiering'))).toBe(true);
    expect(Number(await queryValue(db, 'SELECT count(*) FROM spend_line'))).toBeGreaterThan(0);
  });

  it('tells "no data loaded" from "nothing matches the filters"', async () => {
    expect(await hasSpendLines(db)).toBe(true);
    const empty = await openNodeWasmDb();
    try {
      expect(await hasSpendLines(empty)).toBe(false);
      const none = await loadCategoryOverview(empty, { where });
      expect(none.rows).toEqual([]);
      expect(none.totals.lines).toBe(0);
    } finally {
      await empty.close();
    }
  });
});
