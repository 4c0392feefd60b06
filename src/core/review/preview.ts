// Read-only looks through the engine ("what would this rule catch?", "why this category?",
// supplier rule proposals), queued with the edits because they share the engine's temp tables.
import { explainLine, proposeSupplierRules, ruleCatch, type LineExplanation, type Rule, type RuleCatch, type SupplierProposal } from '../classify/index.js';
import type { DbConnector } from '../db/connector.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { serialized } from './serial.js';

export interface PreviewOptions {
  tree?: CategoryTree;
  signal?: AbortSignal;
}

/** What `rule` would catch if it were saved now, and what it would take from other rules. */
export function previewRule(db: DbConnector, rule: Rule, options: PreviewOptions = {}): Promise<RuleCatch> {
  return serialized(db, () => ruleCatch(db, rule, { tree: options.tree, sample: 10 }), options.signal);
}

export type TakenFrom = RuleCatch['takenFrom'][number];

/** The sum of several rules' previews (rules that catch different lines, such as one per supplier). */
export async function previewRules(db: DbConnector, rules: readonly Rule[], options: PreviewOptions = {}): Promise<RuleCatch> {
  const total: RuleCatch = { lines: 0, spend: 0, wins: { lines: 0, spend: 0 }, fromUnclassified: { lines: 0, spend: 0 }, takenFrom: [], sample: [] };
  const taken = new Map<string, TakenFrom>();
  for (const rule of rules) {
    const c = await previewRule(db, rule, options);
    total.lines += c.lines;
    total.spend += c.spend;
    total.wins.lines += c.wins.lines;
    total.wins.spend += c.wins.spend;
    total.fromUnclassified.lines += c.fromUnclassified.lines;
    total.fromUnclassified.spend += c.fromUnclassified.spend;
    total.sample.push(...c.sample.slice(0, 3));
    for (const t of c.takenFrom) {
      const key = `${t.ruleId ?? ''}|${t.categoryId}`;
      const seen = taken.get(key);
      if (seen) {
        seen.lines += t.lines;
        seen.spend += t.spend;
      } else taken.set(key, { ...t });
    }
  }
  total.takenFrom = [...taken.values()].sort((a, b) => b.spend - a.spend);
  return total;
}

/** "Why this category?" for one line. */
export function explain(db: DbConnector, lineId: number, options: PreviewOptions = {}): Promise<LineExplanation> {
  return serialized(db, () => explainLine(db, lineId), options.signal);
}

/** Supplier → category proposals (suppliers dominated by one category), largest unclassified spend first. */
export function supplierProposals(db: DbConnector, options: PreviewOptions & { minShare?: number; minLines?: number } = {}): Promise<SupplierProposal[]> {
  return serialized(db, () => proposeSupplierRules(db, { tree: options.tree, minShare: options.minShare, minLines: options.minLines }), options.signal);
}
