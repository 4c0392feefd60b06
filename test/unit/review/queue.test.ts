import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { filtersWhere } from '../../../src/core/analysis/filters-sql.js';
import { coverage } from '../../../src/core/classify/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { categoryLabel, categoryOptions, findLines, learnedSuggestions, reviewQueue } from '../../../src/core/review/index.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';

const where = filtersWhere(EMPTY_FILTERS);
const TREE = defaultCategoryTree();

describe('review queue and suggestions on Demo Kommune (5,000 lines)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await refreshAnalysis(db);
  });
  afterAll(() => db?.close());

  it('groups the unclassified spend by supplier, largest first, and adds up to coverage', async () => {
    const cov = await coverage(db);
    const all = await reviewQueue(db, { by: 'supplier', where, limit: 500 });
    expect(all.lines).toBe(cov.byMethod.none?.lines);
    expect(all.spend).toBeCloseTo(cov.byMethod.none?.spend ?? 0, 2);
    expect(all.groups).toBeGreaterThan(20);
    const spends = all.rows.map((r) => r.spend);
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    // Paging continues where the first page stopped.
    const first = await reviewQueue(db, { by: 'supplier', where, limit: 10 });
    const second = await reviewQueue(db, { by: 'supplier', where, limit: 10, offset: 10 });
    expect(first.rows).toHaveLength(10);
    expect([...first.rows, ...second.rows].map((r) => r.key)).toEqual(all.rows.slice(0, 20).map((r) => r.key));
    expect(second.groups).toBe(all.groups);
    // Every group carries the learned model's suggestion for most of its spend.
    const top = first.rows[0]!;
    expect(top.key).toMatch(/^cvr:/);
    expect(top.label.length).toBeGreaterThan(0);
    expect(top.suggestion?.share).toBeGreaterThan(0);
    expect(TREE.categories.some((c) => c.id === top.suggestion?.categoryId)).toBe(true);
  });

  it('groups by description as the engine compares it, and searches safely', async () => {
    const page = await reviewQueue(db, { by: 'description', where, limit: 100 });
    expect(page.lines).toBe((await reviewQueue(db, { by: 'supplier', where })).lines);
    for (const r of page.rows.filter((x) => x.key !== null)) expect(r.key).toBe(r.key!.trim().toLowerCase());
    const named = page.rows.find((r) => r.key !== null)!;
    const found = await reviewQueue(db, { by: 'description', where, search: named.label.toUpperCase() });
    expect(found.rows.map((r) => r.key)).toContain(named.key);
    // Quotes are data, never SQL.
    expect((await reviewQueue(db, { by: 'supplier', where, search: `O'Brien"; DROP TABLE spend_line; --` })).groups).toBe(0);
    // Filters apply: one unit's queue is a part of the whole.
    const unit = filtersWhere({ ...EMPTY_FILTERS, unit: 'Rådhuset' });
    const part = await reviewQueue(db, { by: 'supplier', where: unit });
    expect(part.lines).toBeLessThan(page.lines);
  });

  it('lists learned suggestions largest first with the share at or above a threshold', async () => {
    const page = await learnedSuggestions(db, { where, threshold: 0.8, limit: 20 });
    const cov = await coverage(db);
    expect(page.total.lines).toBeGreaterThanOrEqual(cov.suggestions.lines);
    expect(page.above.lines).toBeGreaterThan(0);
    expect(page.above.lines).toBeLessThan(page.total.lines);
    const spends = page.rows.map((r) => Math.abs(r.amount));
    expect(spends).toEqual([...spends].sort((a, b) => b - a));
    const above = await learnedSuggestions(db, { where, threshold: 0.8, onlyAbove: true, limit: 500 });
    expect(above.rows.every((r) => r.confidence >= 0.8)).toBe(true);
    expect(above.rows.length).toBe(Math.min(500, page.above.lines));
  });

  it('finds lines by id and by text', async () => {
    const top = await findLines(db, { limit: 5 });
    expect(top).toHaveLength(5);
    const byId = await findLines(db, { search: String(top[2]!.lineId) });
    expect(byId.map((l) => l.lineId)).toContain(top[2]!.lineId);
    const word = (top.find((l) => l.description)?.description ?? '').split(' ')[0]!;
    const byText = await findLines(db, { search: word.toLowerCase(), limit: 50 });
    expect(byText.length).toBeGreaterThan(0);
    expect(byText.every((l) => `${l.description} ${l.supplierName}`.toLowerCase().includes(word.toLowerCase()) || String(l.lineId) === word)).toBe(true);
    const open = await findLines(db, { filter: 'suggested', limit: 10 });
    expect(open.every((l) => l.method === 'learned' && l.accepted === false)).toBe(true);
  });

  it('names categories as level 1 › level 2 in both languages', () => {
    const options = categoryOptions(TREE, 'da');
    expect(options).toHaveLength(TREE.categories.length);
    const child = options.find((o) => o.level === 2)!;
    expect(child.label).toContain(' › ');
    expect(categoryLabel(TREE, child.id, 'en')).toBe(`${TREE.categories.find((c) => c.id === child.groupId)!.name.en} › ${TREE.categories.find((c) => c.id === child.id)!.name.en}`);
    expect(categoryLabel(TREE, 'no.such', 'da')).toBe('no.such');
  });
});
