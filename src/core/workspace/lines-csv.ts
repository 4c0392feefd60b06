import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';

/**
 * Every loaded line with its category, method and confidence, as the test contract's `--lines`
 * CSV: file,row,supplier_key,amount,category_id,method,confidence (+ a few readable columns).
 * Personal data never appears: descriptions were CPR-masked at import. Written in pages so a
 * million lines never sit in one string.
 */
export async function* linesCsv(db: DbConnector, pageSize = 100_000): AsyncGenerator<string> {
  const q = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  yield 'file,row,supplier_key,amount,category_id,method,confidence,accepted,source_kind,counted\n';
  for (let offset = 0; ; offset += pageSize) {
    const rows = await queryRows(
      db,
      `SELECT l.file, l."row", l.supplier_key, l.amount::VARCHAR AS amount,
              CASE WHEN c.accepted THEN c.category_id END AS category_id,
              CASE WHEN c.accepted THEN c.method ELSE 'none' END AS method,
              CASE WHEN c.accepted THEN round(c.confidence, 4) END AS confidence,
              coalesce(c.accepted, false) AS accepted, l.source_kind, l.counted
         FROM spend_line l LEFT JOIN classification c USING (line_id)
        ORDER BY l.line_id LIMIT ${pageSize} OFFSET ${offset}`,
    );
    if (rows.length === 0) return;
    yield rows
      .map((r) => [r.file, r.row, r.supplier_key, r.amount, r.category_id, r.method, r.confidence, r.accepted, r.source_kind, r.counted].map(q).join(',') + '\n')
      .join('');
  }
}
