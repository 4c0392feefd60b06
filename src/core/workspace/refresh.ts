import { mapAgreements } from '../agreements/map.js';
import { classifyAll, ensureClassifySchema, type ClassifyStats } from '../classify/index.js';
import type { DbConnector } from '../db/connector.js';
import { buildSuppliers, type SupplierBuildSummary } from '../suppliers/index.js';
import { ensureThresholdTable } from '../thresholds/table.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { loadBuiltinRules, loadUserRules } from './rule-store.js';
import { loadWorkspaceTree } from './tree-store.js';

export interface RefreshOptions {
  /** Default: the workspace's tree (tree-store.ts; the default tree when none is saved). */
  tree?: CategoryTree;
  /** Accept learned proposals at or above this confidence (the command line); the browser asks a person. */
  acceptLearned?: number;
  /** With acceptLearned: level-2 suggestions under a rule's level-1 decision from this confidence. */
  acceptRefine?: number;
}

export interface RefreshResult {
  classification: ClassifyStats;
  suppliers: SupplierBuildSummary;
}

/**
 * After data changes: normalise suppliers, then classify every line with the built-in and the
 * user's rules and let the learned model propose the rest, then map the agreement register to the
 * categories. Same steps in browser and CLI.
 */
export async function refreshAnalysis(db: DbConnector, options: RefreshOptions = {}): Promise<RefreshResult> {
  const tree = options.tree ?? (await loadWorkspaceTree(db));
  await ensureClassifySchema(db);
  const suppliers = await buildSuppliers(db);
  const rules = [...(await loadBuiltinRules(db, tree)), ...(await loadUserRules(db, tree))];
  const classification = await classifyAll(db, rules, { tree, learn: true, acceptLearned: options.acceptLearned, acceptRefine: options.acceptRefine });
  // Agreements are mapped to categories by the rules just written and the suppliers' classified spend.
  await mapAgreements(db, tree);
  // Seeded here, with the data, not by the first opportunities after it: in the app every write makes the
  // screens take their derived figures again, and the overview's own seeding cost the next click ~80 ms.
  await ensureThresholdTable(db);
  return { classification, suppliers };
}
