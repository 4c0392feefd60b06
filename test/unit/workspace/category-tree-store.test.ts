import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { loadOverview } from '../../../src/core/analysis/overview.js';
import { loadCategoryDrill, loadCategoryOverview, type CategoryOverview, type CategoryRow } from '../../../src/core/analysis/views/index.js';
import { RuleSetError } from '../../../src/core/classify/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows, queryValue } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { categoryOptions, overrideLine, reviewQueue, supplierRule, upsertRules } from '../../../src/core/review/index.js';
import { literal } from '../../../src/core/sql/escape.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { defaultCategoryTree, type CategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { addCategory, moveCategory, renameCategory, TreeEditError } from '../../../src/core/taxonomy/tree-edits.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { saveUserRules } from '../../../src/core/workspace/rule-store.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import {
  categoryTreeOverview, editWorkspaceTree, loadWorkspaceTree, resetWorkspaceTree, saveWorkspaceTree,
} from '../../../src/core/workspace/tree-store.js';
import { snapshot } from '../review/helpers.js';

const where = filtersWhere(EMPTY_FILTERS);
/** Amounts compared to the øre. */
const ore = (n: number) => Math.round(n * 100);

function row(o: CategoryOverview, id: string): CategoryRow | undefined {
  return o.rows.flatMap((r) => [r, ...r.children]).find((r) => r.id === id);
}

/** Spend per category id as the category screen shows it, level 1 (roll-up) and level 2. */
function spends(o: CategoryOverview): Map<string, number> {
  return new Map(o.rows.flatMap((r) => [r, ...r.children]).filter((r) => r.id !== null).map((r) => [r.id!, ore(r.spend)]));
}

describe('the workspace category tree on Demo Kommune (5,000 lines)', () => {
  let db: DbConnector;
  let original: Map<number, string>;
  let before: CategoryOverview;

  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await saveUserRules(db, []);
    await refreshAnalysis(db);
    original = await snapshot(db);
    before = await loadCategoryOverview(db, { where, tree: await loadWorkspaceTree(db) });
  });
  afterAll(() => db?.close());

  it('starts as the default tree, nothing saved', async () => {
    expect(await loadWorkspaceTree(db)).toEqual(defaultCategoryTree());
    expect(Number(await queryValue(db, 'SELECT count(*) FROM category_tree'))).toBe(0);
  });

  it('rename: every line keeps its category id, rule and method; totals per category unchanged; the new name shows', async () => {
    const tree = await editWorkspaceTree(db, (t) => renameCategory(t, 'office.paper', { da: 'Papir og karton', en: 'Paper and board' }));
    expect(await snapshot(db)).toEqual(original);
    const after = await loadCategoryOverview(db, { where, tree });
    expect(spends(after)).toEqual(spends(before));
    expect(row(after, 'office.paper')?.name).toEqual({ da: 'Papir og karton', en: 'Paper and board' });
    expect(row(after, 'office.paper')?.spend).toBe(row(before, 'office.paper')?.spend);
    // A full re-classification with the renamed tree decides exactly as before (names play no part).
    await refreshAnalysis(db);
    expect(await snapshot(db)).toEqual(original);
  });

  it('move: level-1 roll-up moves by the category’s spend to the øre, total unchanged, no line changes', async () => {
    const printers = row(before, 'it.printers')!;
    expect(printers.spend).not.toBe(0);
    const tree = await editWorkspaceTree(db, (t) => moveCategory(t, 'it.printers', 'office'));
    expect(await snapshot(db)).toEqual(original);
    const after = await loadCategoryOverview(db, { where, tree });
    expect(ore(row(after, 'office')!.spend)).toBe(ore(row(before, 'office')!.spend) + ore(printers.spend));
    expect(ore(row(after, 'it')!.spend)).toBe(ore(row(before, 'it')!.spend) - ore(printers.spend));
    expect(row(after, 'office')!.lines).toBe(row(before, 'office')!.lines + printers.lines);
    expect(ore(after.totals.spend)).toBe(ore(before.totals.spend));
    expect(ore(after.totals.classifiedSpend)).toBe(ore(before.totals.classifiedSpend));
    expect(after.rows.find((r) => r.id === 'office')!.children.map((c) => c.id)).toContain('it.printers');
    expect(after.rows.find((r) => r.id === 'it')!.children.map((c) => c.id)).not.toContain('it.printers');
    expect(ore(row(after, 'it.printers')!.spend)).toBe(ore(printers.spend));
    for (const [id, s] of spends(before)) if (id !== 'office' && id !== 'it') expect(spends(after).get(id), id).toBe(s);

    // The rest of the analysis follows the parent link too: drill-down, global filter, overview, editor figures.
    expect(ore((await loadCategoryDrill(db, { where, categoryId: 'office', tree })).spend)).toBe(ore(row(after, 'office')!.spend));
    expect(ore((await loadCategoryDrill(db, { where, categoryId: 'it', tree })).spend)).toBe(ore(row(after, 'it')!.spend));
    const filtered = Number(
      await queryValue(db, `SELECT coalesce(sum(amount), 0)::DOUBLE FROM spend_line WHERE ${filtersWhere({ ...EMPTY_FILTERS, category: 'office' }, tree)}`),
    );
    expect(ore(filtered)).toBe(ore(row(after, 'office')!.spend));
    const overview = await loadOverview(db, where, 5, tree);
    expect(ore(overview.category1.find((g) => g.id === 'office')!.spend)).toBe(ore(row(after, 'office')!.spend));
    expect(overview.category2.find((g) => g.id === 'it.printers')?.parentId).toBe('office');
    const editor = await categoryTreeOverview(db, tree);
    const office = editor.find((r) => r.category.id === 'office')!;
    expect(ore(office.spend)).toBe(ore(row(after, 'office')!.spend));
    expect(office.children.map((c) => c.category.id)).toContain('it.printers');
    // The classifier's category table (refinement reads the parent) holds the new parent.
    const [cls] = await queryRows(db, `SELECT parent_id FROM cls_category WHERE category_id = 'it.printers'`);
    expect(cls?.parent_id).toBe('office');
  });

  it('add: the new categories can take rules and manual assignments and show up in the category overview', async () => {
    let id2 = '';
    let id1 = '';
    const tree = await editWorkspaceTree(db, (t) => {
      const a = addCategory(t, { parent: 'office', name: { da: 'Skoleudstyr til kontor', en: 'School office kit' } });
      id2 = a.id;
      const b = addCategory(a.tree, { parent: null, name: { da: 'Beredskab', en: 'Emergency services' } });
      id1 = b.id;
      return b.tree;
    });
    expect(await snapshot(db)).toEqual(original);
    expect(categoryOptions(tree, 'da').map((o) => o.id)).toEqual(expect.arrayContaining([id1, id2]));
    const [top] = (await reviewQueue(db, { by: 'supplier', where, limit: 1 })).rows;
    const rule = supplierRule(top!.key!, id2);
    // With the default tree the new category does not exist: the rule is refused.
    await expect(upsertRules(db, [rule], { tree: defaultCategoryTree() })).rejects.toBeInstanceOf(RuleSetError);
    await upsertRules(db, [rule], { tree });
    const [line] = await queryRows(db, `SELECT line_id, amount::DOUBLE AS amount FROM spend_line WHERE counted AND line_id NOT IN (SELECT line_id FROM classification WHERE category_id = ${literal(id2)}) ORDER BY line_id LIMIT 1`);
    await overrideLine(db, Number(line!.line_id), id1, { tree });
    const after = await loadCategoryOverview(db, { where, tree });
    // The supplier rule takes all the supplier's lines (a user rule decides before the built-in ones).
    const byRule = Number(
      await queryValue(db, `SELECT sum(amount)::DOUBLE FROM spend_line WHERE counted AND line_id IN (SELECT line_id FROM classification WHERE rule_id = ${literal(rule.id)})`),
    );
    expect(ore(byRule)).toBeGreaterThanOrEqual(ore(top!.spend));
    expect(ore(row(after, id2)!.spend)).toBe(ore(byRule));
    expect(after.rows.find((r) => r.id === 'office')!.children.map((c) => c.id)).toContain(id2);
    expect(row(after, id2)?.name.da).toBe('Skoleudstyr til kontor');
    expect(ore(row(after, id1)!.spend)).toBe(ore(Number(line!.amount)));
    expect(ore(after.totals.spend)).toBe(ore(before.totals.spend));
    // A refresh (as after an import) uses the saved tree by default: the rules still load and decide the same.
    const decided = await snapshot(db);
    await refreshAnalysis(db);
    const rulesOnly = (m: Map<number, string>) => new Map([...m].filter(([, v]) => !v.includes('|learned|')));
    expect(rulesOnly(await snapshot(db))).toEqual(rulesOnly(decided));

    // Reset is refused while the added categories are in use, and nothing is lost.
    const err = await resetWorkspaceTree(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TreeEditError);
    expect((err as TreeEditError).code).toBe('resetInUse');
    expect((err as TreeEditError).params.da).toContain('Beredskab');
    expect(await loadWorkspaceTree(db)).toEqual(tree);
  });

  it('invalid trees are refused by save; the saved tree stays', async () => {
    const saved = await loadWorkspaceTree(db);
    const broken: CategoryTree = { ...saved, categories: [...saved.categories, { ...saved.categories[1]! }] };
    const err = await saveWorkspaceTree(db, broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TreeEditError);
    expect((err as TreeEditError).code).toBe('invalidTree');
    expect((err as TreeEditError).problems.some((p) => p.includes('duplicate id'))).toBe(true);
    await expect(editWorkspaceTree(db, (t) => moveCategory(t, 'office', 'it'))).rejects.toMatchObject({ code: 'notLevel2' });
    expect(await loadWorkspaceTree(db)).toEqual(saved);
  });

  it('the tree survives a reload and "start forfra" (clearWorkspace), like the user rules', async () => {
    const saved = await loadWorkspaceTree(db);
    expect(saved.categories.find((c) => c.id === 'office.paper')?.name.da).toBe('Papir og karton');
    expect(saved.categories.find((c) => c.id === 'it.printers')?.parent).toBe('office');
    const json = String(await queryValue(db, 'SELECT json FROM category_tree'));
    expect(JSON.parse(json)).toEqual(saved);
    await clearWorkspace(db);
    expect(await loadWorkspaceTree(db)).toEqual(saved);
  });

  it('reset to the default tree once the added categories are unused', async () => {
    const added = (await loadWorkspaceTree(db)).categories.filter((c) => c.id === 'user-beredskab' || c.id === 'office.skoleudstyr-til-kontor');
    expect(added.length).toBe(2);
    // clearWorkspace emptied the lines; the user rules pointing at the added categories still hold it back.
    expect(Number(await queryValue(db, 'SELECT count(*) FROM classification'))).toBe(0);
    await expect(resetWorkspaceTree(db)).rejects.toMatchObject({ code: 'resetInUse' });
    await saveUserRules(db, []);
    const tree = await resetWorkspaceTree(db);
    expect(tree).toEqual(defaultCategoryTree());
    expect(await loadWorkspaceTree(db)).toEqual(defaultCategoryTree());
  });
});
