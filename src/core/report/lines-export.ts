import type { DbConnector } from '../db/connector.js';
import { queryRows, type Row } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { ensureSupplierTables } from '../suppliers/tables.js';

/**
 * The counted lines under the filters with their category, how it was decided and how sure,
 * read in pages by line id (keyset, so a million lines cost the same per page), for the
 * workbook's lines sheet. Only decisions count as a category: an open learned suggestion is
 * shown as 'none', as on the screens.
 */
export async function* exportLines(db: DbConnector, where: string, pageSize = 50_000): AsyncGenerator<Row[]> {
  await ensureSupplierTables(db);
  const condition = where.trim() ? `counted AND (${where})` : 'counted';
  for (let last = -1; ; ) {
    const rows = await queryRows(
      db,
      `WITH l AS (SELECT * FROM spend_line WHERE ${condition} AND line_id > ${literal(last)} ORDER BY line_id LIMIT ${pageSize}),
       cls AS (
         SELECT line_id, arg_max(category_id, confidence) AS category_id, arg_max(method, confidence) AS method, max(confidence) AS confidence
           FROM classification WHERE accepted IS NOT FALSE AND line_id IN (SELECT line_id FROM l) GROUP BY line_id)
       SELECT l.line_id, l.file, l."row", coalesce(l.document_date, l.posting_date) AS date, l.document_id, l.supplier_cvr,
              l.supplier_name, coalesce(mm.to_key, l.supplier_key) AS supplier_key, l.unit, l.account, l.description,
              l.amount, l.currency, l.source_kind, cls.category_id, coalesce(cls.method, 'none') AS method, cls.confidence
         FROM l LEFT JOIN cls USING (line_id)
         LEFT JOIN supplier_merge_map mm ON mm.from_key = l.supplier_key
        ORDER BY l.line_id`,
    );
    if (!rows.length) return;
    yield rows;
    last = Number(rows.at(-1)!.line_id);
    if (rows.length < pageSize) return;
  }
}
