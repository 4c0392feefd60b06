import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere, monthsAndUnit } from '../../../src/core/analysis/filters-sql.js';
import { analysisTotals, groupMetrics, preparedCondition, prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import { findOpportunities, loadKraljicFigures } from '../../../src/core/analysis/opportunities/index.js';
import { loadOpportunitySettings, resetOpportunitySettings, saveOpportunitySettings } from '../../../src/core/analysis/opportunities/settings.js';
import { loadCategoryDrill, loadLinePage, loadSupplierOverview } from '../../../src/core/analysis/views/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { literal } from '../../../src/core/sql/escape.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { renameCategory } from '../../../src/core/taxonomy/tree-edits.js';
import { spellingSql } from '../../../src/core/suppliers/spelling.js';
import { openCoreDemo } from '../../support/core-demo.js';

/**
 * The shared prepared lines answer a filter three ways: a view on the shared table (a filter that keeps
 * most lines), a copy by the condition itself (a small subset), and a copy by a semi-join on spend_line
 * (a condition naming a column the shared table does not carry as spend_line has it). Each must give the
 * lines spend_line itself gives.
 */
describe('prepared lines under a filter (Demo Kommune, 5,000 lines)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openCoreDemo(5000);
  });
  afterAll(() => db?.close());

  it('tells which conditions the shared table can answer itself', () => {
    expect(preparedCondition(filtersWhere({ ...EMPTY_FILTERS, from: '2024-02-01', unit: 'Skoler', source: 'invoice' }))).not.toBeNull();
    expect(preparedCondition(filtersWhere({ ...EMPTY_FILTERS, category: 'office' }))).not.toBeNull();
    expect(preparedCondition('file_id IN (1, 2) AND year(coalesce(document_date, posting_date)) = 2024')).not.toBeNull();
    // A name inside a literal is data, not a column.
    expect(preparedCondition("unit = 'supplier_key description'")).not.toBeNull();
    // The shared table's supplier_key is the merged key; the others are not carried.
    expect(preparedCondition("supplier_key = 'cvr:1'")).toBeNull();
    expect(preparedCondition("contains(description, 'kaffe')")).toBeNull();
    expect(preparedCondition('"row" > 10')).toBeNull();
    expect(preparedCondition('counted AND account IS NULL')).toBeNull();
  });

  it('whole months and a unit are counted from the kept counts by unit and month: a view from half the lines, else a copy, as a scan decides', async () => {
    const [unit] = await queryRows(db, 'SELECT unit FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const months = (await queryRows(db, `SELECT DISTINCT strftime(coalesce(document_date, posting_date), '%Y-%m-01') AS m FROM spend_line WHERE counted ORDER BY 1`)).map((r) => String(r.m));
    const u = String(unit!.unit);
    const lastDay = (m: string) => String(new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10));
    const cases = [
      { ...EMPTY_FILTERS, from: months[1]! },
      { ...EMPTY_FILTERS, from: months.at(-3)! },
      { ...EMPTY_FILTERS, to: lastDay(months[2]!) },
      { ...EMPTY_FILTERS, unit: u },
      { ...EMPTY_FILTERS, from: months[3]!, to: lastDay(months.at(-2)!), unit: u },
    ];
    for (const filters of cases) {
      const where = filtersWhere(filters);
      expect(monthsAndUnit(where), where).not.toBeNull();
      const [want] = await queryRows(db, `SELECT count(*) FILTER (WHERE ${where}) AS n, count(*) FILTER (WHERE counted) AS total, coalesce(sum(amount) FILTER (WHERE ${where}), 0)::DECIMAL(18,2)::VARCHAR AS spend FROM spend_line`);
      const lines = await prepareAnalysisLines(db, { where });
      try {
        const isView = (await queryRows(db, `SELECT view_name FROM duckdb_views() WHERE view_name = ${literal(lines.table)}`)).length === 1;
        expect({ where, isView }).toEqual({ where, isView: Number(want!.n) >= 0.5 * Number(want!.total) });
        const [got] = await queryRows(db, `SELECT count(*) AS n, coalesce(sum(amount), 0)::DECIMAL(18,2)::VARCHAR AS spend FROM "${lines.table}"`);
        expect([Number(got!.n), got!.spend]).toEqual([Number(want!.n), want!.spend]);
      } finally {
        await lines.close();
      }
    }
  });

  it('every path holds exactly the counted lines spend_line holds under the same condition', async () => {
    const [unit] = await queryRows(db, 'SELECT unit FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1');
    const [supplier] = await queryRows(db, 'SELECT supplier_key FROM spend_line WHERE counted GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const [first] = await queryRows(db, `SELECT min(coalesce(document_date, posting_date))::VARCHAR AS d FROM spend_line`);
    const conditions = [
      // keeps most lines: a view
      filtersWhere({ ...EMPTY_FILTERS, from: String(first!.d) }),
      // a small subset: copied by the condition
      filtersWhere({ ...EMPTY_FILTERS, unit: String(unit!.unit) }),
      filtersWhere({ ...EMPTY_FILTERS, category: 'office' }),
      // the raw supplier key: copied by a semi-join on spend_line
      `counted AND supplier_key = ${literal(String(supplier!.supplier_key))}`,
    ];
    for (const where of conditions) {
      const [want] = await queryRows(db, `SELECT count(*) AS n, coalesce(sum(amount), 0)::DECIMAL(18,2)::VARCHAR AS spend FROM spend_line WHERE counted AND (${where})`);
      const lines = await prepareAnalysisLines(db, { where });
      try {
        const [got] = await queryRows(db, `SELECT count(*) AS n, coalesce(sum(amount), 0)::DECIMAL(18,2)::VARCHAR AS spend FROM "${lines.table}"`);
        expect({ where, n: Number(got!.n), spend: got!.spend }).toEqual({ where, n: Number(want!.n), spend: want!.spend });
        expect(Number(want!.n)).toBeGreaterThan(0);
        const totals = await analysisTotals(db, lines);
        expect(totals.spend).toBeCloseTo(Number(want!.spend), 2);
        const metrics = await groupMetrics(db, lines, 'category1');
        expect(metrics.reduce((a, m) => a + m.lines, 0)).toBe(Number(want!.n));
      } finally {
        await lines.close();
      }
    }
    // Nothing is left behind: the views and copies are dropped, only the shared table stays.
    const left = await queryRows(db, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_ovb\\_lines\\_%' ESCAPE '\\' AND table_name NOT LIKE '\\_ovb\\_lines\\_all\\_%' ESCAPE '\\'`);
    const views = await queryRows(db, `SELECT view_name FROM duckdb_views() WHERE view_name LIKE '\\_ovb\\_%' ESCAPE '\\'`);
    expect([...left, ...views]).toEqual([]);
  });

  it('a page of lines carries the invoice columns from spend_line, sorted by them too', async () => {
    const [supplier] = await queryRows(db, 'SELECT supplier_key FROM spend_line WHERE counted GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const key = String(supplier!.supplier_key);
    const where = filtersWhere(EMPTY_FILTERS);
    const want = await queryRows(
      db,
      `SELECT line_id, file, "row", document_id, account, description FROM spend_line
        WHERE counted AND coalesce((SELECT to_key FROM supplier_merge_map WHERE from_key = supplier_key), supplier_key) = ${literal(key)}
        ORDER BY description DESC NULLS LAST, line_id DESC LIMIT 20`,
    );
    const page = await loadLinePage(db, { where, supplierKey: key }, { sort: 'description', desc: true, limit: 20 });
    expect(page.rows.map((r) => [r.lineId, r.file, r.row, r.documentId, r.account, r.description])).toEqual(
      want.map((r) => [Number(r.line_id), r.file, Number(r.row), r.document_id, r.account, r.description]),
    );
    // By amount (the columns joined for the page only): the same lines as spend_line's largest.
    const byAmount = await loadLinePage(db, { where, supplierKey: key }, { limit: 10, offset: 5 });
    const wantAmount = await queryRows(
      db,
      `SELECT line_id, description FROM spend_line
        WHERE counted AND coalesce((SELECT to_key FROM supplier_merge_map WHERE from_key = supplier_key), supplier_key) = ${literal(key)}
        ORDER BY amount DESC, line_id DESC LIMIT 10 OFFSET 5`,
    );
    expect(byAmount.rows.map((r) => [r.lineId, r.description])).toEqual(wantAmount.map((r) => [Number(r.line_id), r.description]));
    expect(byAmount.total).toBe(page.total);
  });

  it("a drill-down's suppliers are the category's lines by merged supplier, named as on the Suppliers screen, grouped or copied", async () => {
    for (const where of [filtersWhere(EMPTY_FILTERS), filtersWhere({ ...EMPTY_FILTERS, from: '2024-03-01' }), filtersWhere({ ...EMPTY_FILTERS, from: '2024-03-02' })]) {
      const drill = await loadCategoryDrill(db, { where, categoryId: 'office' });
      const want = await queryRows(
        db,
        `SELECT coalesce((SELECT to_key FROM supplier_merge_map WHERE from_key = s.supplier_key), s.supplier_key) AS key,
                sum(amount)::DECIMAL(18,2)::VARCHAR AS spend, count(*) AS lines, count(DISTINCT unit) AS units
           FROM spend_line s JOIN classification c USING (line_id)
          WHERE ${where.replaceAll(/\b(counted|unit|document_date|posting_date)\b/g, 's.$1')} AND c.accepted IS NOT FALSE
            AND (c.category_id = 'office' OR starts_with(c.category_id, 'office.'))
          GROUP BY 1 ORDER BY sum(amount) DESC, 1`,
      );
      expect(drill.suppliers.map((x) => [x.key, x.spend.toFixed(2), x.lines, x.units]), where).toEqual(want.map((r) => [r.key, r.spend, Number(r.lines), Number(r.units)]));
      // The names of all lines, whatever the filter: the Suppliers screen's without one.
      const screen = await loadSupplierOverview(db, { where: filtersWhere(EMPTY_FILTERS), limit: 10_000 });
      const named = new Map(screen.rows.map((r) => [r.key, r.name]));
      for (const x of drill.suppliers) expect(x.name).toBe(named.get(x.key));
    }
  });

  it('shares one category table per tree between preparations, and makes it again after a rollback took it', async () => {
    const a = await prepareAnalysisLines(db, {});
    const b = await prepareAnalysisLines(db, { where: filtersWhere({ ...EMPTY_FILTERS, from: '2024-03-01' }) });
    expect(b.categories).toBe(a.categories);
    await a.close();
    await b.close();
    const exists = async (table: string) => Number((await queryRows(db, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${literal(table)}`))[0]?.n);
    // Kept after its readers close: the next preparation uses it as it is.
    expect(await exists(a.categories)).toBe(1);
    const tree = renameCategory(defaultCategoryTree(), 'office', { da: 'Kontor (omdøbt)', en: 'Office (renamed)' });
    // Made inside a transaction that is rolled back: the table goes with it, and is made again when next needed.
    await db.exec('BEGIN TRANSACTION');
    const inside = await prepareAnalysisLines(db, { tree });
    expect(inside.categories).not.toBe(a.categories);
    await inside.close();
    await db.exec('ROLLBACK');
    expect(await exists(inside.categories)).toBe(0);
    const after = await prepareAnalysisLines(db, { tree });
    try {
      expect(await exists(after.categories)).toBe(1);
      const [named] = await queryRows(db, `SELECT name_da FROM ${after.categories} WHERE id = 'office'`);
      expect(named?.name_da).toBe('Kontor (omdøbt)');
      expect((await groupMetrics(db, after, 'category1')).find((m) => m.id === 'office')?.name.da).toBe('Kontor (omdøbt)');
    } finally {
      await after.close();
    }
  });

  it('readers of the shared table at the same time, with two trees, each get their own tree and their own work tables', async () => {
    const renamed = renameCategory(defaultCategoryTree(), 'it.printers', { da: 'Printere og kopimaskiner', en: 'Printers and copiers' });
    const where = filtersWhere(EMPTY_FILTERS);
    // Unfiltered: every one of them reads the one shared table, and names its work tables after its own preparation.
    const [k1, k2, o1, o2, k3, o3] = await Promise.all([
      loadKraljicFigures(db, { where, tree: renamed }),
      loadKraljicFigures(db, { where }),
      findOpportunities(db, { where, tree: renamed }),
      findOpportunities(db, { where }),
      loadKraljicFigures(db, { where, tree: renamed }),
      findOpportunities(db, { where, tree: renamed }),
    ]);
    expect(k3).toEqual(k1);
    expect(o3.totals).toEqual(o1.totals);
    const printers = (k: typeof k1) => k.figures.find((f) => f.categoryId === 'it.printers')?.name.da;
    expect(printers(k1)).toBe('Printere og kopimaskiner');
    expect(printers(k2)).not.toBe('Printere og kopimaskiner');
    expect(printers(k2)).toBeDefined();
    expect(k1.figures.map((f) => f.annualSpend)).toEqual(k2.figures.map((f) => f.annualSpend));
    expect(o1.totals.savingsBase).toBeCloseTo(o2.totals.savingsBase, 2);
    expect(o1.opportunities.length).toBeGreaterThan(0);
  });

  it('figures memoised per content: the same lines give them again, other lines or a new state never do', async () => {
    const where = filtersWhere(EMPTY_FILTERS);
    const first = await prepareAnalysisLines(db, { where });
    const second = await prepareAnalysisLines(db, { where });
    try {
      const a = await groupMetrics(db, first, 'category1');
      expect(await groupMetrics(db, second, 'category1')).toEqual(a);
      // The same options over another table (as the Kraljic tab passes its window's lines) are other lines.
      const [unit] = await queryRows(db, `SELECT unit FROM "${first.table}" WHERE unit IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1`);
      const subset = `${first.scratch}_subset`;
      await db.exec(`CREATE TEMP TABLE "${subset}" AS SELECT * FROM "${first.table}" WHERE unit = ${literal(String(unit!.unit))}`);
      const b = await groupMetrics(db, { ...first, table: subset }, 'category1');
      expect(b.reduce((n, m) => n + m.lines, 0)).toBeLessThan(a.reduce((n, m) => n + m.lines, 0));
      await db.exec(`DROP TABLE "${subset}"`);
    } finally {
      await first.close();
      await second.close();
    }
    // A decision taken back: a new state, so the unclassified group grows by that line.
    const unclassified = (m: Awaited<ReturnType<typeof groupMetrics>>) => m.find((g) => g.id === null)?.lines ?? 0;
    const before = await prepareAnalysisLines(db, { where });
    const was = unclassified(await groupMetrics(db, before, 'category1'));
    await before.close();
    await db.exec(`DELETE FROM classification WHERE line_id = (SELECT min(c.line_id) FROM classification c JOIN spend_line l USING (line_id) WHERE l.counted AND c.accepted)`);
    const after = await prepareAnalysisLines(db, { where });
    try {
      expect(unclassified(await groupMetrics(db, after, 'category1'))).toBe(was + 1);
    } finally {
      await after.close();
    }
  });

  it('opportunities memoised per content and settings: a saved rate is used at once, and each caller gets its own copy', async () => {
    const where = filtersWhere(EMPTY_FILTERS);
    const a = await findOpportunities(db, { where });
    const b = await findOpportunities(db, { where });
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    b.opportunities[0]!.savingsBase = -1;
    expect((await findOpportunities(db, { where })).opportunities[0]!.savingsBase).toBe(a.opportunities[0]!.savingsBase);
    const saved = await loadOpportunitySettings(db);
    await saveOpportunitySettings(db, { ...saved, rates: { ...saved.rates, base: saved.rates.base / 2 } });
    try {
      const halved = await findOpportunities(db, { where });
      expect(halved.totals.savingsBase).toBeLessThan(a.totals.savingsBase);
    } finally {
      await resetOpportunitySettings(db);
    }
    expect((await findOpportunities(db, { where })).totals).toEqual(a.totals);
  });
  it('names each supplier by its most frequent spelling over all its lines, whatever the filter, from one shared table', async () => {
    const all = await prepareAnalysisLines(db);
    const named = async (table: string) => new Map((await queryRows(db, `SELECT supplier_key, name FROM "${table}"`)).map((r) => [String(r.supplier_key), String(r.name)]));
    try {
      const expected = new Map((await queryRows(db, spellingSql(`"${all.table}"`))).map((r) => [String(r.supplier_key), String(r.name)]));
      expect(expected.size).toBeGreaterThan(50);
      const shared = await all.supplierNames();
      expect(await named(shared)).toEqual(expected);
      const [unit] = await queryRows(db, `SELECT unit FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY count(*), 1 LIMIT 1`);
      // A period (a view on the shared table) and one unit (a copy): the same table of names.
      for (const filters of [{ ...EMPTY_FILTERS, from: '2024-04-01' }, { ...EMPTY_FILTERS, unit: String(unit!.unit) }]) {
        const where = filtersWhere(filters);
        const lines = await prepareAnalysisLines(db, { where });
        try {
          expect(await lines.supplierNames()).toBe(shared);
        } finally {
          await lines.close();
        }
        const found = await findOpportunities(db, { where });
        const suppliers = found.opportunities.flatMap((o) => o.suppliers);
        expect(suppliers.length).toBeGreaterThan(0);
        for (const s of suppliers) expect(s.name, s.key).toBe(expected.get(s.key) ?? null);
      }
    } finally {
      await all.close();
    }
  });
  it("the overview's category spend is the categories' figures' spend, filtered or not", async () => {
    const [unit] = await queryRows(db, `SELECT unit FROM spend_line WHERE counted AND unit IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    for (const filters of [EMPTY_FILTERS, { ...EMPTY_FILTERS, from: '2024-04-01' }, { ...EMPTY_FILTERS, unit: String(unit!.unit) }]) {
      const where = filtersWhere(filters);
      const overview = await loadOverview(db, where, 5);
      const lines = await prepareAnalysisLines(db, { where });
      try {
        expect(lines.filtered).toBe(where !== filtersWhere(EMPTY_FILTERS));
        for (const [level, got] of [['category1', overview.category1], ['category2', overview.category2]] as const) {
          const full = await groupMetrics(db, lines, level);
          expect(got.length).toBeGreaterThan(3);
          expect(got).toEqual(full.map(({ id, parentId, level: l, name, spend }) => ({ id, parentId, level: l, name, spend })));
        }
      } finally {
        await lines.close();
      }
    }
  });
});
