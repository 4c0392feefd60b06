import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { loadCategoryDrill, loadSupplierBreakdown, loadSupplierOverview, type SupplierSort } from '../../../src/core/analysis/views/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows, queryValue } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { literal } from '../../../src/core/sql/escape.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { acceptMerge, listMergeProposals, rejectMerge } from '../../../src/core/suppliers/index.js';
import { loadSupplierDetail } from '../../../src/core/suppliers/view.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';

const sum = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
const where = filtersWhere(EMPTY_FILTERS);

describe('supplier views on Demo Kommune (5,000 lines)', () => {
  let db: DbConnector;

  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await refreshAnalysis(db);
  });
  afterAll(() => db?.close());

  it('lists every supplier in the filtered lines, largest first, with CVR status and spellings', async () => {
    const all = await loadSupplierOverview(db, { where, limit: 10_000 });
    const keys = Number(await queryValue(db, 'SELECT count(DISTINCT supplier_key) FROM spend_line WHERE counted'));
    expect(all.total).toBe(keys);
    expect(all.rows).toHaveLength(keys);
    const counted = Number(await queryValue(db, 'SELECT sum(amount)::DOUBLE FROM spend_line WHERE counted'));
    expect(sum(all.rows.map((r) => r.spend))).toBeCloseTo(counted, 2);
    for (let i = 1; i < all.rows.length; i++) expect(all.rows[i - 1]!.spend).toBeGreaterThanOrEqual(all.rows[i]!.spend);
    const statuses = new Set(all.rows.map((r) => r.cvrStatus));
    expect(statuses).toEqual(new Set(['valid', 'invalid', 'missing']));
    for (const r of all.rows) {
      expect(r.variants).toBeGreaterThanOrEqual(1);
      if (r.cvrStatus === 'valid') expect(r.key).toBe(`cvr:${r.cvr}`);
    }
    // A supplier spelt in several ways shows them (the generator plants variants).
    expect(all.rows.some((r) => r.variants > 1)).toBe(true);
    const top = await loadSupplierOverview(db, { where, limit: 3 });
    expect(top.total).toBe(keys);
    expect(top.rows.map((r) => r.key)).toEqual(all.rows.slice(0, 3).map((r) => r.key));
  });

  it('a key the supplier table lacks is named by its lines: the most frequent spelling, all spellings counted', async () => {
    const all = await loadSupplierOverview(db, { where, limit: 10_000 });
    const spelt = all.rows.find((r) => r.variants > 1 && r.merged === 0)!;
    // Its spellings and their line counts, from the lines themselves.
    const spellings = (await queryValue(
      db,
      `SELECT list({name: supplier_name, n: n}) FROM (SELECT supplier_name, count(*) AS n FROM spend_line
        WHERE counted AND supplier_key = ${literal(spelt.key)} AND supplier_name IS NOT NULL GROUP BY 1)`,
    )) as { name: string; n: number | bigint }[];
    const ranked = [...spellings].map((x) => ({ name: String(x.name), n: Number(x.n) })).sort((a, b) => b.n - a.n || (a.name < b.name ? 1 : -1));
    await db.exec('BEGIN TRANSACTION');
    try {
      await db.exec(`DELETE FROM supplier WHERE key = ${literal(spelt.key)}`);
      const without = (await loadSupplierOverview(db, { where, search: spelt.key, limit: 10 })).rows.find((r) => r.key === spelt.key)!;
      expect(without.name).toBe(ranked[0]!.name);
      expect(without.variants).toBe(ranked.length);
      expect(without.cvrStatus).toBeNull();
      expect(without.spend).toBe(spelt.spend);
    } finally {
      await db.exec('ROLLBACK');
    }
  });

  it('filters, searches and sorts in SQL', async () => {
    const unit = String(await queryValue(db, 'SELECT unit FROM spend_line GROUP BY unit ORDER BY count(*) DESC LIMIT 1'));
    const filtered = await loadSupplierOverview(db, { where: filtersWhere({ ...EMPTY_FILTERS, unit }), limit: 10_000 });
    const oracle = Number(await queryValue(db, `SELECT count(DISTINCT supplier_key) FROM spend_line WHERE counted AND unit = ${literal(unit)}`));
    expect(filtered.total).toBe(oracle);
    expect(filtered.rows.every((r) => r.units === 1)).toBe(true);

    const byName = await loadSupplierOverview(db, { where, search: 'NØRREBJERG' });
    expect(byName.total).toBeGreaterThan(0);
    expect(byName.rows.every((r) => r.name.toLowerCase().includes('nørrebjerg') || r.key.includes('noerrebjerg'))).toBe(true);
    const cvr = byName.rows.find((r) => r.cvr)!.cvr!;
    const byCvr = await loadSupplierOverview(db, { where, search: cvr });
    expect(byCvr.rows.map((r) => r.cvr)).toContain(cvr);
    expect((await loadSupplierOverview(db, { where, search: "x'); DROP TABLE supplier; --" })).total).toBe(0);

    const sorted = await loadSupplierOverview(db, { where, sort: 'name', limit: 50 });
    const names = sorted.rows.map((r) => r.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const fallback = await loadSupplierOverview(db, { where, sort: 'spend DESC; --' as SupplierSort, limit: 5 });
    expect(fallback.rows).toHaveLength(5);
  });

  it("a supplier's breakdown by category and unit adds up to its spend", async () => {
    const [top] = (await loadSupplierOverview(db, { where, limit: 1 })).rows;
    const b = await loadSupplierBreakdown(db, { where, supplierKey: top!.key });
    expect(b.spend).toBeCloseTo(top!.spend, 2);
    expect(b.lines).toBe(top!.lines);
    expect(sum(b.byCategory.map((c) => c.spend))).toBeCloseTo(top!.spend, 2);
    expect(b.byCategory.filter((c) => c.categoryId !== null)).toHaveLength(top!.categories);
    expect(b.byUnit).toHaveLength(top!.units);
    expect(b.byCategory[0]!.name.da).toBe(top!.topCategoryName.da);
  });

  it('an accepted merge moves the spelling and spend to the target everywhere; rejecting undoes it', async () => {
    const [proposal] = await listMergeProposals(db, 'proposed');
    expect(proposal).toBeDefined();
    const { fromKey, toKey } = proposal!;
    const before = await loadSupplierOverview(db, { where, limit: 10_000 });
    const from = before.rows.find((r) => r.key === fromKey)!;
    const to = before.rows.find((r) => r.key === toKey)!;
    await acceptMerge(db, fromKey, toKey);
    const after = await loadSupplierOverview(db, { where, limit: 10_000 });
    expect(after.total).toBe(before.total - 1);
    expect(after.rows.find((r) => r.key === fromKey)).toBeUndefined();
    const merged = after.rows.find((r) => r.key === toKey)!;
    expect(merged.spend).toBeCloseTo(from.spend + to.spend, 2);
    expect(merged.lines).toBe(from.lines + to.lines);
    expect(merged.merged).toBe(1);
    // The drill-down sees the merged supplier too.
    const drill = await loadCategoryDrill(db, { where });
    expect(drill.suppliers.find((s) => s.key === fromKey)).toBeUndefined();
    expect(drill.suppliers.find((s) => s.key === toKey)?.spend).toBeCloseTo(merged.spend, 2);
    // The detail's spend by category: the lines of every key merged into the supplier, by their decided category.
    const detail = (await loadSupplierDetail(db, fromKey))!;
    expect(detail.key).toBe(toKey);
    const expected = await queryRows(
      db,
      `SELECT c.category_id, sum(l.amount)::DOUBLE AS spend, count(*)::INTEGER AS lines
         FROM spend_line l LEFT JOIN (SELECT line_id, arg_max(category_id, confidence) AS category_id FROM classification WHERE accepted GROUP BY 1) c USING (line_id)
        WHERE l.counted AND l.supplier_key IN (${literal(fromKey)}, ${literal(toKey)}) GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`,
    );
    expect(detail.byCategory.map((c) => ({ category_id: c.categoryId, spend: c.spend, lines: c.lines }))).toEqual(expected);
    expect(sum(detail.byCategory.map((c) => c.spend))).toBeCloseTo(merged.spend, 2);
    await rejectMerge(db, fromKey, toKey);
    const undone = await loadSupplierOverview(db, { where, limit: 10_000 });
    expect(undone.total).toBe(before.total);
    expect((await listMergeProposals(db, 'proposed')).find((p) => p.fromKey === fromKey && p.toKey === toKey)).toBeUndefined();
  });
});
