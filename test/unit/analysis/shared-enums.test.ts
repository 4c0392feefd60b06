import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/index.js';
import { loadLinePage } from '../../../src/core/analysis/views/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { literal, quoteIdent } from '../../../src/core/sql/escape.js';
import { openCoreDemo } from '../../support/core-demo.js';

const ENUM_COLUMNS = ['source_kind', 'currency', 'unit', 'supplier_key', 'supplier_name', 'category_id', 'cat2', 'cat1'];

/**
 * The shared table keeps its text columns with few values as ENUMs (shared-enums.ts), which read as their
 * text everywhere: the same values, the same order, comparisons with texts it lacks. Names with quotes,
 * Danish letters, case variants and an emoji make the order and the escaping count.
 */
describe('the shared table’s ENUM columns (Demo Kommune, 3,000 lines)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openCoreDemo(3000);
    const odd = ["Ærø's \"Bager\"", 'ærø bager', 'Zebra ApS', 'zebra aps', 'Åbyhøj 🍞', 'Øster, Vester & Co.'];
    const units = ['Æblehaven', "Børnehuset 'Solsikken'", 'aa-skolen'];
    for (const [i, name] of odd.entries()) {
      await db.exec(`UPDATE spend_line SET supplier_name = ${literal(name)} WHERE line_id IN (SELECT line_id FROM spend_line WHERE counted ORDER BY line_id LIMIT 5 OFFSET ${i * 5})`);
    }
    for (const [i, unit] of units.entries()) {
      await db.exec(`UPDATE spend_line SET unit = ${literal(unit)} WHERE line_id IN (SELECT line_id FROM spend_line WHERE counted ORDER BY line_id DESC LIMIT 7 OFFSET ${i * 7})`);
    }
  });
  afterAll(() => db?.close());

  it('hold spend_line’s texts, sort as those texts and compare with texts they lack', async () => {
    const lines = await prepareAnalysisLines(db);
    try {
      const t = quoteIdent(lines.table);
      const types = await queryRows(db, `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ${literal(lines.table)}`);
      const typeOf = new Map(types.map((r) => [String(r.column_name), String(r.data_type)]));
      for (const c of ENUM_COLUMNS) expect(typeOf.get(c), c).toMatch(/^ENUM\(/);
      expect(typeOf.get('doc')).toBe('VARCHAR');

      // The same texts as spend_line's (merged supplier keys aside: none are merged in the demo).
      const want = await queryRows(db, `SELECT line_id, source_kind, currency, unit, supplier_key, supplier_name FROM spend_line WHERE counted ORDER BY line_id`);
      const got = await queryRows(db, `SELECT line_id, source_kind::VARCHAR AS source_kind, currency::VARCHAR AS currency, unit::VARCHAR AS unit,
                                              supplier_key::VARCHAR AS supplier_key, supplier_name::VARCHAR AS supplier_name FROM ${t} ORDER BY line_id`);
      expect(got).toEqual(want);
      // Rows read through Arrow come out as the texts, too.
      const [row] = await queryRows(db, `SELECT supplier_name, unit FROM ${t} WHERE supplier_name = ${literal("Ærø's \"Bager\"")} LIMIT 1`);
      expect(row).toEqual({ supplier_name: "Ærø's \"Bager\"", unit: expect.any(String) });

      // ORDER BY, min and max as on the texts.
      for (const c of ENUM_COLUMNS) {
        const c1 = quoteIdent(c);
        const byEnum = await queryRows(db, `SELECT ${c1}::VARCHAR AS v FROM ${t} ORDER BY ${c1} NULLS LAST, line_id`);
        const byText = await queryRows(db, `SELECT ${c1}::VARCHAR AS v FROM ${t} ORDER BY ${c1}::VARCHAR NULLS LAST, line_id`);
        expect(byEnum, c).toEqual(byText);
        const [m] = await queryRows(db, `SELECT min(${c1})::VARCHAR AS a, max(${c1})::VARCHAR AS b, min(${c1}::VARCHAR) AS ta, max(${c1}::VARCHAR) AS tb FROM ${t}`);
        expect([m!.a, m!.b], c).toEqual([m!.ta, m!.tb]);
      }

      // A text the column does not hold: no rows, no error (a unit filter from an older workspace).
      const [none] = await queryRows(db, `SELECT count(*) AS n FROM ${t} WHERE unit = 'Findes ikke' OR supplier_name IN ('x', 'y') OR category_id = 'nope.nope'`);
      expect(Number(none!.n)).toBe(0);
    } finally {
      await lines.close();
    }
  });

  it('a page sorted by supplier or unit is in the texts’ order', async () => {
    for (const sort of ['supplier', 'unit'] as const) {
      const page = await loadLinePage(db, {}, { sort, limit: 40 });
      const column = sort === 'supplier' ? 'supplier_name' : 'unit';
      const want = await queryRows(db, `SELECT line_id FROM spend_line WHERE counted ORDER BY ${column} ASC NULLS LAST, line_id ASC LIMIT 40`);
      expect(page.rows.map((r) => r.lineId), sort).toEqual(want.map((r) => Number(r.line_id)));
    }
  });
});
