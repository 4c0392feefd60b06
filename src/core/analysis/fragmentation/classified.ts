import type { DbConnector } from '../../db/connector.js';
import { queryValue } from '../../db/rows.js';

/**
 * SQL for "the category of each line" as the analysis reads `classification`: one row per line
 * (the most confident if there are several; with onePerLine, every row as it is), and only decisions: a learned suggestion that no
 * person accepted yet (`accepted = FALSE`, see the classification engine) does not count.
 * The `accepted` column is checked for, so an older workspace without it still works.
 */
export async function classifiedLinesSql(db: DbConnector, options: { onePerLine?: boolean } = {}): Promise<string> {
  const n = await queryValue(
    db,
    `SELECT count(*) FROM duckdb_columns() WHERE table_name = 'classification' AND column_name = 'accepted' AND NOT internal`,
  );
  const where = Number(n ?? 0) > 0 ? 'WHERE accepted IS NOT FALSE' : '';
  // onePerLine: the caller knows (or checks) that no line has two decisions, and skips the grouping.
  if (options.onePerLine) return `SELECT line_id, category_id FROM classification ${where}`;
  return `SELECT line_id, arg_max(category_id, confidence) AS category_id FROM classification ${where} GROUP BY line_id`;
}
