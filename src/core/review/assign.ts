// Bulk assignment from the review queue and manual line overrides: each becomes a rule, so it is
// explainable, exportable and survives the next import (see rule-edits.ts).
import type { Rule } from '../classify/index.js';
import type { DbConnector } from '../db/connector.js';
import type { QueueGrouping } from './queue.js';
import { upsertRules, type EditOptions, type RuleChangeResult } from './rule-edits.js';

/** How a description group becomes a rule: the exact text, or its words as a keyword phrase. */
export type TextMatch = 'exact' | 'keyword';

/** supplier key → category (a user rule: it decides before keywords and the supplier tier). */
export function supplierRule(supplierKey: string, categoryId: string, name?: string): Rule {
  const rule: Rule = { id: `user:supplier:${supplierKey}`, signal: 'supplier', pattern: supplierKey, match: 'exact', categoryId, priority: 0, origin: 'user', enabled: true };
  // The supplier's name, for people reading the rule list or the exported rule set.
  if (name && name !== supplierKey) rule.note = name;
  return rule;
}

/**
 * description → category. 'exact' compares the whole description (lowercase, trimmed) as a column
 * rule; 'keyword' makes the description a word rule ("sikkerhedstest netværk" also catches
 * "Sikkerhedstest netværk, 2. halvår").
 */
export function descriptionRule(text: string, categoryId: string, match: TextMatch = 'exact'): Rule {
  const pattern = text.trim().toLowerCase();
  return match === 'exact'
    ? { id: `user:text:${pattern}`, signal: 'column', column: 'description', pattern, match: 'exact', categoryId, priority: 0, origin: 'user', enabled: true }
    : { id: `user:kw:${pattern}`, signal: 'keyword', pattern, match: 'word', categoryId, priority: 0, origin: 'user', enabled: true };
}

/** One line → category: a manual override, which decides before every other rule. */
export function manualRule(lineId: number, categoryId: string, note?: string): Rule {
  const rule: Rule = {
    id: `manual:line:${lineId}`, signal: 'column', column: 'line_id', pattern: String(lineId), match: 'exact', categoryId, priority: 0, origin: 'manual', enabled: true,
  };
  if (note) rule.note = note;
  return rule;
}

/**
 * Rules for queue groups (null keys, lines without supplier or description, are skipped).
 * `names` (key → supplier name) become the supplier rules' notes.
 */
export function groupRules(
  by: QueueGrouping, keys: readonly (string | null)[], categoryId: string, match: TextMatch = 'exact', names: Readonly<Record<string, string>> = {},
): Rule[] {
  const named = [...new Set(keys.filter((k): k is string => k !== null && k.trim() !== ''))];
  return named.map((k) => (by === 'supplier' ? supplierRule(k, categoryId, names[k]) : descriptionRule(k, categoryId, match)));
}

/** Assigns queue groups to a category: creates (or replaces) their rules, saves, re-classifies. */
export function assignGroups(
  db: DbConnector, by: QueueGrouping, keys: readonly (string | null)[], categoryId: string,
  options: EditOptions & { match?: TextMatch; names?: Readonly<Record<string, string>> } = {},
): Promise<RuleChangeResult> {
  return upsertRules(db, groupRules(by, keys, categoryId, options.match, options.names), options);
}

/** Sets one line's category by hand (replacing an earlier override of the same line). */
export function overrideLine(db: DbConnector, lineId: number, categoryId: string, options: EditOptions = {}): Promise<RuleChangeResult> {
  return upsertRules(db, [manualRule(lineId, categoryId)], options);
}
