import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { EFFECTIVE_AGREEMENT_CATEGORIES_SQL } from '../../agreements/schema.js';

/**
 * What the shared prepared lines stand for, apart from the tree: the lines, the decisions, the merges, the
 * contract register and the agreement mapping (lines.ts builds the table again when it changes).
 */
export async function dataFingerprint(db: DbConnector): Promise<string> {
  const [row] = await queryRows(
    db,
    `SELECT (SELECT count(*) || ':' || coalesce(max(line_id), 0) || ':' || count(*) FILTER (WHERE counted) FROM spend_line) AS l,
            (SELECT count(*) || ':' || coalesce(sum(hash(line_id, category_id, accepted, confidence)), 0)::VARCHAR FROM classification) AS c,
            (SELECT count(*) || ':' || coalesce(sum(hash(m)), 0)::VARCHAR FROM supplier_merge_map m) AS m,
            (SELECT count(*) || ':' || coalesce(sum(hash(k)), 0)::VARCHAR FROM contract k) AS k,
            (SELECT count(*) || ':' || coalesce(sum(hash(a.agreement_key, a.category_id)), 0)::VARCHAR FROM (${EFFECTIVE_AGREEMENT_CATEGORIES_SQL}) a) AS a`,
  );
  return [row?.l, row?.c, row?.m, row?.k, row?.a].join('|');
}
