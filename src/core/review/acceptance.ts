// Accepting learned suggestions, under the global filters or one line at a time. The engine keeps
// accepted suggestions through later runs (classify/engine.ts, decide): a line no rule catches keeps
// the accepted category, an accepted level 2 stays under the same rule's level-1 decision.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { serialized } from './serial.js';

/** Applies the open suggestions of the lines `lines` (a condition on classification's line_id) at or above `t`. */
async function accept(db: DbConnector, t: string, lines: string): Promise<{ lines: number; refined: number }> {
  const [row] = await queryRows(
    db,
    `SELECT count(*) FILTER (WHERE method = 'learned' AND NOT accepted AND confidence >= ${t}) AS n,
            count(*) FILTER (WHERE suggested_category_id IS NOT NULL AND suggested_confidence >= ${t}) AS r
       FROM classification WHERE ${lines}`,
  );
  await db.exec(`UPDATE classification SET accepted = TRUE WHERE ${lines} AND method = 'learned' AND NOT accepted AND confidence >= ${t}`);
  await db.exec(
    `UPDATE classification SET category_id = suggested_category_id, confidence = suggested_confidence, refine_rule_id = 'learned',
            suggested_category_id = NULL, suggested_confidence = NULL
      WHERE ${lines} AND suggested_category_id IS NOT NULL AND suggested_confidence >= ${t}`,
  );
  return { lines: Number(row?.n ?? 0), refined: Number(row?.r ?? 0) };
}

/**
 * Accepts every open suggestion at or above `threshold` on the lines under `where` (the global
 * filters; default all counted lines), as the engine's acceptLearned does for all lines. 1 accepts none.
 */
export function acceptSuggestionsAbove(db: DbConnector, threshold: number, where = 'counted'): Promise<{ lines: number; refined: number }> {
  return serialized(db, async () => {
    if (!(threshold < 1)) return { lines: 0, refined: 0 };
    return accept(db, literal(threshold), `line_id IN (SELECT line_id FROM spend_line WHERE ${where})`);
  });
}

/** Accepts the open suggestion of one line; false when it has none. */
export function acceptSuggestion(db: DbConnector, lineId: number): Promise<boolean> {
  return serialized(db, async () => {
    const r = await accept(db, '0', `line_id = ${literal(lineId)}`);
    return r.lines + r.refined > 0;
  });
}
