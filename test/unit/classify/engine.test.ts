import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { classifyAll } from '../../../src/core/classify/engine.js';
import { explainLine } from '../../../src/core/classify/explain.js';
import { builtinRules, type Rule } from '../../../src/core/classify/rules.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { decisions, loadLines, rule, type TestLine } from './helpers.js';

const BUILTIN = builtinRules(defaultCategoryTree());

describe('classification engine: matching', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('matches keywords at the start of words, with Danish inflections and lost æøå', async () => {
    const lines: TestLine[] = [
      { id: 1, description: 'Kuglepenne blå 50 stk' },
      { id: 2, description: 'KUGLEPEN, sort' },
      { id: 3, description: 'Rengoering af kontor januar' },
      { id: 4, description: 'Rengøringsmidler til køkken' },
      { id: 5, description: 'Sygehjemmepleje' },
      { id: 6, description: 'Støtte jf. §85 i SEL' },
      { id: 7, description: 'Ydelse § 851' },
      { id: 8, description: 'Elev-kursus' },
      { id: 9, description: 'El aconto marts' },
      { id: 10, description: 'Kode til alarm' },
    ];
    await loadLines(db, lines);
    await classifyAll(db, BUILTIN, { learn: false });
    const d = await decisions(db);
    expect(d.get(1)).toMatchObject({ category: 'office.supplies', rule: 'builtin:kw:kuglepen', method: 'keyword' });
    expect(d.get(2)?.category).toBe('office.supplies');
    expect(d.get(3)?.category).toBe('facility.cleaning');
    // Longest keyword wins: "rengøringsmidler" (hygiene) over "rengøring" (cleaning).
    expect(d.get(4)).toMatchObject({ category: 'facility.hygiene', rule: 'builtin:kw:rengøringsmidler' });
    // A keyword inside a compound is not at the start of a word.
    expect(d.get(5)?.category).not.toBe('social.homecare');
    expect(d.get(6)).toMatchObject({ category: 'social.support', rule: 'builtin:kw:§ 85' });
    // Numbers match whole: "§ 85" does not catch "§ 851".
    expect(d.get(7)?.rule ?? null).not.toBe('builtin:kw:§ 85');
    // Words under three letters match whole: "el" catches "El aconto", not "Elev-kursus".
    expect(d.get(8)?.category).not.toBe('energy.electricity');
    expect(d.get(9)?.category).toBe('energy.electricity');
    // Short words are not folded: "kød" (meat) does not catch "Kode".
    expect(d.get(10)?.category).not.toBe('food.groceries');
  });

  it('lets the longest item-code prefix win and reads arts as dotted prefixes', async () => {
    await loadLines(db, [
      { id: 1, item_code: '44121704', item_scheme: 'UNSPSC' },
      { id: 2, item_code: '44121506', item_scheme: 'UNSPSC' },
      { id: 3, item_code: '30192000-1', item_scheme: 'CPV' },
      { id: 4, account: '5' },
      { id: 5, account: '5.2' },
      { id: 6, account: '50' },
      { id: 7, account: '2,2' },
      { id: 8, account: '2.21' },
      { id: 9, account: '4.7' },
    ]);
    await classifyAll(db, BUILTIN, { learn: false });
    const d = await decisions(db);
    expect(d.get(1)).toMatchObject({ category: 'office.supplies', rule: 'builtin:unspsc:44', method: 'item_code' });
    expect(d.get(2)).toMatchObject({ category: 'office.paper', rule: 'builtin:unspsc:441215' });
    expect(d.get(3)?.method).toBe('item_code');
    expect(d.get(4)).toMatchObject({ category: 'nonaddr.transfers', method: 'account' });
    expect(d.get(5)?.category).toBe('nonaddr.transfers');
    expect(d.has(6)).toBe(false);
    expect(d.get(7)?.category).toBe('food.groceries');
    expect(d.get(8)?.category).toBe('food.groceries');
    expect(d.get(9)?.category).toBe('nonaddr.public');
  });

  it('matches column rules exactly, by prefix, by contains and by word', async () => {
    await loadLines(db, [
      { id: 1, unit: 'Skovbakkeskolen' },
      { id: 2, unit: 'Skovbakke Børnehus' },
      { id: 3, account_no: '03.22.01-2.9' },
      { id: 4, description: 'Leje af lift til gymnastiksal' },
      { id: 5, description: 'Liftleje' },
    ]);
    const rules: Rule[] = [
      rule('exact', { signal: 'column', column: 'unit', match: 'exact', pattern: 'SKOVBAKKESKOLEN', categoryId: 'learning.materials' }),
      rule('prefix', { signal: 'column', column: 'unit', match: 'prefix', pattern: 'skovbakke', categoryId: 'learning.toys' }),
      rule('contains', { signal: 'column', column: 'account_no', match: 'contains', pattern: '22.01', categoryId: 'office.supplies' }),
      rule('word', { signal: 'column', column: 'description', match: 'word', pattern: 'leje af lift', categoryId: 'equipment.tools' }),
    ];
    await classifyAll(db, rules, { learn: false });
    const d = await decisions(db);
    // Same tier and priority: the longer pattern wins.
    expect(d.get(1)).toMatchObject({ category: 'learning.materials', rule: 'exact', method: 'user_rule' });
    expect(d.get(2)?.rule).toBe('prefix');
    expect(d.get(3)?.rule).toBe('contains');
    expect(d.get(4)?.rule).toBe('word');
    expect(d.has(5)).toBe(false);
  });
});

describe('classification engine: precedence', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadLines(db, [
      { id: 100, description: 'Kaffe og kage', supplier_key: 'cvr:11111111', account: '2.2', item_code: '50201706', item_scheme: 'UNSPSC', unit: 'Skolen' },
      { id: 101, description: 'Kaffe', account: '5.2' },
    ]);
  });
  afterAll(() => db?.close());

  const ladder: Rule[] = [
    rule('manual', { signal: 'column', column: 'line_id', match: 'exact', pattern: '100', categoryId: 'office.supplies', origin: 'manual' }),
    rule('item', { signal: 'itemCode', pattern: 'unspsc:5020', categoryId: 'it.hardware', origin: 'builtin' }),
    rule('user', { signal: 'column', column: 'unit', match: 'exact', pattern: 'skolen', categoryId: 'facility.cleaning' }),
    rule('supplier', { signal: 'supplier', pattern: 'cvr:11111111', categoryId: 'transport.fuel', origin: 'learned' }),
    rule('keyword', { signal: 'keyword', pattern: 'kaffe', categoryId: 'food.beverages', origin: 'builtin' }),
    rule('art-purchase', { signal: 'account', pattern: '2.2', categoryId: 'food.groceries', origin: 'builtin' }),
    rule('art-nonaddr', { signal: 'account', pattern: '5', categoryId: 'nonaddr.transfers', origin: 'builtin' }),
  ];

  it('takes the first match in the order manual → item code → user → supplier → keyword → purchase art', async () => {
    const expected = [
      ['manual', 'manual'], ['item', 'item_code'], ['user', 'user_rule'], ['supplier', 'supplier'], ['keyword', 'keyword'], ['art-purchase', 'account'],
    ] as const;
    for (let i = 0; i < expected.length; i++) {
      const rules = ladder.map((r, j) => ({ ...r, enabled: j >= i }));
      await classifyAll(db, rules, { learn: false });
      const d = await decisions(db);
      expect(d.get(100), `with the first ${i} rules disabled`).toMatchObject({ rule: expected[i]![0], method: expected[i]![1] });
    }
    await classifyAll(db, ladder.map((r) => ({ ...r, enabled: false })), { learn: false });
    expect((await decisions(db)).has(100)).toBe(false);
  });

  it('lets a non-addressable art decide before keywords', async () => {
    await classifyAll(db, ladder, { learn: false });
    expect((await decisions(db)).get(101)).toMatchObject({ category: 'nonaddr.transfers', rule: 'art-nonaddr', method: 'account' });
  });

  it('lets a keyword pick the level-2 category under a coarse rule of the same level-1 category', async () => {
    const rules = [
      rule('item', { signal: 'itemCode', pattern: 'unspsc:50', categoryId: 'food.groceries', origin: 'builtin' }),
      rule('keyword', { signal: 'keyword', pattern: 'kaffe', categoryId: 'food.beverages', origin: 'builtin' }),
    ];
    await classifyAll(db, rules, { learn: false });
    expect((await decisions(db)).get(100)).toMatchObject({ category: 'food.beverages', rule: 'item', method: 'item_code', refine: 'keyword' });
    // A keyword under another level-1 category does not override the item code.
    await classifyAll(db, [rules[0]!, { ...rules[1]!, categoryId: 'office.supplies' }], { learn: false });
    expect((await decisions(db)).get(100)).toMatchObject({ category: 'food.groceries', refine: null });
  });

  it('ignores disabled rules', async () => {
    await classifyAll(db, ladder.map((r) => (r.id === 'manual' || r.id === 'item' ? { ...r, enabled: false } : r)), { learn: false });
    expect((await decisions(db)).get(100)?.rule).toBe('user');
  });

  it('explains a line: the deciding rule and the others that matched, in precedence order', async () => {
    await classifyAll(db, ladder, { learn: false });
    const e = await explainLine(db, 100);
    expect(e.decision).toMatchObject({ categoryId: 'office.supplies', ruleId: 'manual', method: 'manual', confidence: 1, accepted: true });
    expect(e.decidingRule?.ruleId).toBe('manual');
    expect(e.matches.map((m) => m.ruleId)).toEqual(['manual', 'item', 'user', 'supplier', 'keyword', 'art-purchase']);
    expect(e.matches.map((m) => m.method)).toEqual(['manual', 'item_code', 'user_rule', 'supplier', 'keyword', 'account']);
    expect(e.line?.description).toBe('Kaffe og kage');
    const none = await explainLine(db, 999);
    expect(none.decision).toBeNull();
    expect(none.matches).toEqual([]);
  });
});
