import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filtersWhere, monthsAndUnit } from '../../../src/core/analysis/filters-sql.js';
import { prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { countOf, dateRangeOf, sharedLineCounts } from '../../../src/core/analysis/fragmentation/line-counts.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { EMPTY_FILTERS, type Filters } from '../../../src/core/state/url-state.js';
import { openCoreDemo } from '../../support/core-demo.js';

/**
 * The share of lines a filter of whole months and a unit keeps decides between a view and a copy of
 * them; it is counted from the shared groups' lines per unit and month, kept per state of the data.
 * Checked against counting spend_line itself, with a line undated and one without a unit.
 */
describe('lines per unit and month (Demo Kommune, 3,000 lines)', () => {
  let db: DbConnector;
  const sent: string[] = [];
  beforeAll(async () => {
    const inner = await openCoreDemo(3000);
    await inner.exec(`UPDATE spend_line SET document_date = NULL, posting_date = NULL WHERE line_id = (SELECT min(line_id) FROM spend_line WHERE counted)`);
    await inner.exec(`UPDATE spend_line SET unit = NULL WHERE line_id = (SELECT max(line_id) FROM spend_line WHERE counted)`);
    db = { ...inner, query: (q, o) => (sent.push(q), inner.query(q, o)), exec: (q, o) => (sent.push(q), inner.exec(q, o)) };
  });
  afterAll(() => db?.close());

  it('count the lines of whole months and a unit and give their dates as spend_line does, read once per state', async () => {
    const units = (await queryRows(db, 'SELECT DISTINCT unit FROM spend_line WHERE counted AND unit IS NOT NULL ORDER BY 1')).map((r) => String(r.unit));
    const cases: Filters[] = [
      EMPTY_FILTERS,
      { ...EMPTY_FILTERS, from: '2025-03-01' },
      { ...EMPTY_FILTERS, to: '2024-09-30' },
      { ...EMPTY_FILTERS, from: '2024-02-01', to: '2025-06-30' },
      { ...EMPTY_FILTERS, unit: units[0]! },
      { ...EMPTY_FILTERS, unit: units.at(-1)!, from: '2025-01-01' },
      { ...EMPTY_FILTERS, unit: 'Findes ikke' },
    ];
    const lines = await prepareAnalysisLines(db);
    try {
      const groups = await lines.groups();
      const counts = await sharedLineCounts(db, groups);
      sent.length = 0;
      expect(await sharedLineCounts(db, groups)).toBe(counts);
      expect(sent).toEqual([]);
      for (const filters of cases) {
        const where = filtersWhere(filters);
        const grouped = monthsAndUnit(where) ?? { months: { from: null, to: null }, unit: null };
        const [r] = await queryRows(
          db,
          `SELECT (SELECT count(*) FROM spend_line WHERE ${where}) AS n, (SELECT count(*) FROM spend_line WHERE counted) AS total,
                  (SELECT min(coalesce(document_date, posting_date)) FROM spend_line WHERE ${where}) AS first,
                  (SELECT max(coalesce(document_date, posting_date)) FROM spend_line WHERE ${where}) AS last`,
        );
        expect(countOf(counts, grouped), where).toEqual({ n: Number(r!.n), total: Number(r!.total) });
        expect(dateRangeOf(counts, grouped), where).toEqual({ first: r!.first, last: r!.last });
      }
      // The undated line counts only when the period is open at both ends, the line without a unit only without a unit.
      const undated = await queryRows(db, `SELECT count(*) AS n FROM spend_line WHERE counted AND coalesce(document_date, posting_date) IS NULL`);
      expect(Number(undated[0]!.n)).toBe(1);
      expect(counts.some((c) => c.month === null) && counts.some((c) => c.unit === null)).toBe(true);
    } finally {
      await lines.close();
    }
  });
});
