import type { DbConnector } from '../db/connector.js';
import { forgetLineRules } from './rule-store.js';
import { clearWorkspace } from './schema.js';

/**
 * A new analysis: the data and everything derived from it go, and so do the manual overrides of
 * single lines (their line ids mean nothing in the next file). The user's other rules, switched-off
 * built-in rules and edited thresholds stay: they belong to the consultant.
 */
export async function startOver(db: DbConnector): Promise<{ lineRulesDropped: number }> {
  await clearWorkspace(db);
  return { lineRulesDropped: await forgetLineRules(db) };
}
