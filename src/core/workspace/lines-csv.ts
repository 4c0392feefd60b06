import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { csvCell, type CsvValue } from '../export/csv.js';

/**
 * Every loaded line with its category, method and confidence, as the test contract's `--lines`
 * CSV: file,row,supplier_key,amount,category_id,method,confidence (+ a few readable columns).
 * Personal data never appears: descriptions were CPR-masked at import. Written in pages so a
 * million lines never sit in one string.
 */
export async function* linesCsv(db: DbConnector, pageSize = 100_000): AsyncGenerator<string> {
  // The shared writer: comma and point for the command line, text that a spreadsheet would run
  // as a formula made inert; amounts and numbers are written as numbers, untouched.
  const q = (v: CsvValue) => csvCell(v, { delimiter: ',' });
  yield 'file,row,supplier_key,amount,category_id,method,confidence,accepted,source_kind,counted\n';
  for (let offset = 0; ; offset += pageSize) {
    const rows = await queryRows(
      db,
      `SELECT l.file, l."row", l.supplier_key, l.amount,
              CASE WHEN c.accepted THEN c.category_id END AS category_id,
              CASE WHEN c.accepted THEN c.method ELSE 'none' END AS method,
              CASE WHEN c.accepted THEN round(c.confidence, 4) END AS confidence,
              coalesce(c.accepted, false) AS accepted, l.source_kind, l.counted
         FROM spend_line l LEFT JOIN classification c USING (line_id)
        ORDER BY l.line_id LIMIT ${pageSize} OFFSET ${offset}`,
    );
    if (rows.length === 0) return;
    yield rows
      .map((r) => ([r.file, r.row, r.supplier_key, r.amount, r.category_id, r.method, r.confidence, r.accepted, r.source_kind, r.counted] as CsvValue[]).map(q).join(',') + '\n')
      .join('');
  }
}
