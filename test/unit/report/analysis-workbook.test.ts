import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { groupMetrics, prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import { loadTotals } from '../../../src/core/analysis/totals.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { analysisWorkbook } from '../../../src/core/report/analysis-workbook.js';
import { loadReport, type ReportData } from '../../../src/core/report/report-data.js';
import { EMPTY_FILTERS, type Filters } from '../../../src/core/state/url-state.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { columnValues, everyCell, readWorkbook, type ReadSheet } from '../../support/xlsx-reader.js';

const SHEETS_DA = ['Overblik', 'Kategorier', 'Leverandører', 'Muligheder', 'Leverandører og enheder', 'Indsatsplan', 'Aftaler', 'Compliance', 'Linjer', 'Noter'];
const SHEETS_EN = ['Overview', 'Categories', 'Suppliers', 'Opportunities', 'Suppliers and units', 'Action plan', 'Agreements', 'Compliance', 'Lines', 'Notes'];

const sum = (values: ExcelJS.CellValue[]) => Math.round(values.reduce((a: number, v) => a + (typeof v === 'number' ? v * 100 : 0), 0)) / 100;
const byName = (sheets: ReadSheet[], name: string) => sheets.find((s) => s.name === name)!;
const overviewValue = (s: ReadSheet, label: string) => s.rows.find((r) => r.getCell(1).value === label)?.getCell(2).value;

describe('the whole analysis as one workbook (Demo Kommune, 20,000 lines)', () => {
  let db: DbConnector;
  const tree = defaultCategoryTree();
  const report = (filters: Filters) => loadReport(db, { where: filtersWhere(filters, tree), filters, tree });
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 20_000);
    await refreshAnalysis(db);
  });
  afterAll(() => db?.close());

  it('the report data agree with the core figures the screens use', async () => {
    const r: ReportData = await report(EMPTY_FILTERS);
    const totals = await loadTotals(db);
    expect(r.municipality).toBe('Demo Kommune');
    expect(r.totals.spend).toBeCloseTo(totals.spend, 2);
    // The overview screen's figures (the same preparation of the lines).
    const overview = await loadOverview(db, filtersWhere(EMPTY_FILTERS, tree), 5, tree);
    expect(r.totals).toMatchObject(overview.totals);
    expect(r.classifiedShare).toBe(overview.classifiedShare);
    expect(r.opportunities.totals.savingsBase).toBe(overview.savings.base);
    expect(r.opportunities.opportunities.slice(0, 5).map((o) => o.id)).toEqual(overview.opportunities.map((o) => o.id));
    expect(r.plan.totals.savingsBase).toBeCloseTo(r.opportunities.totals.savingsBase, 6);
    // Compliance: the same on-contract and off-agreement spend as the category metrics.
    const lines = await prepareAnalysisLines(db, { where: filtersWhere(EMPTY_FILTERS, tree), tree });
    const level2 = await groupMetrics(db, lines, 'category2');
    const [addressable] = await queryRows(
      db,
      `SELECT sum(amount) FILTER (WHERE on_contract)::DOUBLE AS on_c, sum(amount) FILTER (WHERE has_agreement AND NOT on_contract)::DOUBLE AS off_c
         FROM "${lines.table}" WHERE addressable`,
    );
    await lines.close();
    expect(r.compliance.hasContracts).toBe(true);
    expect(r.compliance.onAgreementSpend).toBeCloseTo(Number(addressable!.on_c), 1);
    expect(r.compliance.offAgreementSpend).toBeCloseTo(Number(addressable!.off_c), 1);
    expect(r.compliance.onAgreementShare).toBeCloseTo(r.compliance.onAgreementSpend / r.compliance.addressableSpend, 9);
    const offByCategory = r.compliance.categories.reduce((a, c) => a + c.offAgreement, 0);
    expect(offByCategory).toBeCloseTo(level2.reduce((a, m) => a + (m.offAgreementSpend ?? 0), 0), 0);
    // The demo's planted maverick buying in IT hardware is among the categories with an agreement.
    const it = r.compliance.categories.find((c) => c.categoryId === 'it.hardware');
    expect(it?.offAgreement).toBeGreaterThan(0);
    expect(it?.compliance).toBeLessThan(0.9);
    expect(r.method.thresholds.map((t) => t.regime)).toEqual(['standard', 'light', 'works', 'small-lots', 'works-licitation', 'works-bids']);
    expect(r.method.imports.files.map((f) => f.name)).toEqual(['fakturalinjer.csv', 'ehandel.csv', 'kontrakter.csv']);
  });

  it('every sheet reads back with a real reader: types, formats, frozen headers, no formulas; totals equal the report', async () => {
    const r = await report(EMPTY_FILTERS);
    const sheets = await readWorkbook(await analysisWorkbook(db, { where: filtersWhere(EMPTY_FILTERS, tree), filters: EMPTY_FILTERS, tree, lang: 'da' }, r));
    expect(sheets.map((s) => s.name)).toEqual(SHEETS_DA);
    for (const s of sheets) {
      expect(s.frozenRows, s.name).toBe(1);
      expect(s.headerBold, s.name).toBe(true);
      expect(s.widths.every((w) => typeof w === 'number' && w >= 7), s.name).toBe(true);
      for (const cell of everyCell(s.sheet)) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    }
    const overview = byName(sheets, 'Overblik');
    expect(overviewValue(overview, 'Samlet forbrug (kr.)')).toBe(r.totals.spend);
    expect(overviewValue(overview, 'Leverandører')).toBe(r.totals.suppliers);
    expect(overviewValue(overview, 'Skønnet besparelse pr. år, basis (kr.)')).toBe(r.opportunities.totals.savingsBase);
    expect(overviewValue(overview, 'Kommune')).toBe('Demo Kommune');
    expect((overviewValue(overview, 'Første dato') as Date).toISOString().slice(0, 10)).toBe(r.totals.firstDate);

    const categories = byName(sheets, 'Kategorier');
    const levels = columnValues(categories, 'Niveau');
    const spend = columnValues(categories, 'Forbrug (kr.)');
    const level1 = spend.filter((_, i) => levels[i] !== 2);
    expect(sum(level1)).toBeCloseTo(r.totals.spend, 2);
    expect(categories.rows[0]!.getCell(5).numFmt).toBe('#,##0.00');
    expect(typeof categories.rows[0]!.getCell(10).value).toBe('number');

    expect(sum(columnValues(byName(sheets, 'Leverandører'), 'Forbrug (kr.)'))).toBeCloseTo(r.totals.spend, 2);
    const opportunities = byName(sheets, 'Muligheder');
    expect(opportunities.rows).toHaveLength(r.opportunities.opportunities.length);
    expect(sum(columnValues(opportunities, 'Besparelse basis (kr.)'))).toBeCloseTo(r.opportunities.totals.savingsBase, 0);
    const involved = byName(sheets, 'Leverandører og enheder');
    expect(involved.rows).toHaveLength(r.opportunities.opportunities.reduce((a, o) => a + o.suppliers.length + o.units.length, 0));
    expect(sum(columnValues(byName(sheets, 'Indsatsplan'), 'Besparelse basis (kr.)'))).toBeCloseTo(r.plan.totals.savingsBase, 0);
    const agreements = byName(sheets, 'Aftaler');
    expect(agreements.rows).toHaveLength(r.compliance.agreements.length);
    expect(columnValues(agreements, 'Gyldig fra').every((v) => v === null || v instanceof Date)).toBe(true);
    expect(sum(columnValues(byName(sheets, 'Compliance'), 'Uden om aftale (kr.)'))).toBeCloseTo(r.compliance.offAgreementSpend, 0);

    const lines = byName(sheets, 'Linjer');
    expect(lines.rows).toHaveLength(r.totals.lines);
    expect(sum(columnValues(lines, 'Beløb (kr.)'))).toBeCloseTo(r.totals.spend, 2);
    expect(columnValues(lines, 'Dato').every((v) => v instanceof Date)).toBe(true);
    expect(new Set(columnValues(lines, 'Metode'))).toContain('keyword');
    const notes = byName(sheets, 'Noter');
    expect(notes.rows.map((row) => String(row.getCell(2).value)).join('\n')).toContain('KFST');
  });

  it('follows the filters and the language', async () => {
    const [unit] = await queryRows(db, `SELECT unit FROM spend_line WHERE counted GROUP BY unit ORDER BY count(*) DESC LIMIT 1`);
    const filters: Filters = { ...EMPTY_FILTERS, unit: String(unit!.unit) };
    const r = await report(filters);
    const sheets = await readWorkbook(await analysisWorkbook(db, { where: filtersWhere(filters, tree), filters, tree, lang: 'en' }, r));
    expect(sheets.map((s) => s.name)).toEqual(SHEETS_EN);
    const lines = byName(sheets, 'Lines');
    expect(lines.rows).toHaveLength(r.totals.lines);
    expect(new Set(columnValues(lines, 'Unit'))).toEqual(new Set([filters.unit]));
    expect(sum(columnValues(lines, 'Amount (DKK)'))).toBeCloseTo(r.totals.spend, 2);
    expect(overviewValue(byName(sheets, 'Overview'), 'Filters')).toBe(filters.unit);
  });
});
