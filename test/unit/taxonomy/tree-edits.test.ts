import { describe, expect, it } from 'vitest';
import { defaultCategoryTree, sourcingOf, validateTree } from '../../../src/core/taxonomy/category-tree.js';
import {
  addCategory, addedCategoryIds, categoryWithChildren, moveCategory, renameCategory, setProcurement, slugify, TreeEditError, type TreeEditErrorCode,
} from '../../../src/core/taxonomy/tree-edits.js';

const base = defaultCategoryTree();

function code(fn: () => unknown): TreeEditErrorCode | 'no error' {
  try {
    fn();
  } catch (e) {
    if (e instanceof TreeEditError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('tree edits (pure)', () => {
  it('the default tree names its level-2 ids after their parent (the prefix fallback without a tree relies on it)', () => {
    for (const c of base.categories.filter((x) => x.level === 2)) expect(c.id.startsWith(`${c.parent}.`), c.id).toBe(true);
  });

  it('rename changes only the names, trims them, and leaves the input tree alone', () => {
    const next = renameCategory(base, 'office.paper', { da: '  Papir  og karton ', en: 'Paper and board' });
    expect(next.categories.find((c) => c.id === 'office.paper')?.name).toEqual({ da: 'Papir og karton', en: 'Paper and board' });
    expect(base.categories.find((c) => c.id === 'office.paper')?.name.da).toBe('Kopipapir og papirvarer');
    expect(next.categories.map((c) => c.id)).toEqual(base.categories.map((c) => c.id));
    expect(validateTree(next)).toEqual([]);
    // Changing only the case of its own name is allowed.
    expect(renameCategory(base, 'it', { da: 'IT OG TELEFONI', en: 'IT and telecoms' }).categories.find((c) => c.id === 'it')?.name.da).toBe('IT OG TELEFONI');
  });

  it('move keeps the id, the place in the list and the crosswalk; only the parent changes', () => {
    const next = moveCategory(base, 'it.printers', 'office');
    const before = base.categories.find((c) => c.id === 'it.printers')!;
    const after = next.categories.find((c) => c.id === 'it.printers')!;
    expect(after).toEqual({ ...before, parent: 'office' });
    expect(next.categories.map((c) => c.id)).toEqual(base.categories.map((c) => c.id));
    expect(categoryWithChildren(next, 'office')).toContain('it.printers');
    expect(categoryWithChildren(next, 'it')).not.toContain('it.printers');
    expect(validateTree(next)).toEqual([]);
  });

  it('add makes stable unique ids: user-<slug> for level 1, <parent>.<slug> for level 2, suffixed when taken', () => {
    const a = addCategory(base, { parent: null, name: { da: 'Beredskab & Redning', en: 'Emergency services' } });
    expect(a.id).toBe('user-beredskab-redning');
    const top = a.tree.categories.find((c) => c.id === a.id)!;
    expect(top).toMatchObject({ level: 1, parent: null, addressable: true, regime: 'standard' });
    const b = addCategory(a.tree, { parent: a.id, name: { da: 'Brandmateriel', en: 'Fire equipment' } });
    expect(b.id).toBe('user-beredskab-redning.brandmateriel');
    // Placed right after its parent's last child.
    const ids = b.tree.categories.map((c) => c.id);
    expect(ids.indexOf(b.id)).toBe(ids.indexOf(a.id) + 1);
    // A moved category keeps "office.x"-style ids elsewhere; a new one with the same slug gets a suffix.
    const moved = moveCategory(base, 'office.paper', 'it');
    const c = addCategory(moved, { parent: 'office', name: { da: 'Kopipapir', en: 'Copy paper' } });
    expect(c.id).toBe('office.kopipapir');
    const taken = { ...moved, categories: [...moved.categories, { ...c.tree.categories.find((x) => x.id === 'office.kopipapir')!, name: { da: 'X', en: 'X' } }] };
    expect(addCategory(taken, { parent: 'office', name: { da: 'Kopipapir', en: 'Copy paper' } }).id).toBe('office.kopipapir-2');
    // Children of a non-addressable parent inherit the flag and the regime.
    const n = addCategory(base, { parent: 'nonaddr', name: { da: 'Tilskud', en: 'Grants' } });
    expect(n.tree.categories.find((x) => x.id === n.id)).toMatchObject({ addressable: false, level: 2, parent: 'nonaddr' });
    expect(addedCategoryIds(b.tree, base)).toEqual([a.id, b.id]);
    expect(slugify('Øl, æg & ål')).toBe('oel-aeg-aal');
    expect(slugify('!!!')).toBe('kategori');
  });

  it('sets how a category is bought (regime, sourcing) and nothing else', () => {
    const next = setProcurement(base, 'facility.cleaning', { sourcing: 'excluded' });
    const both = setProcurement(next, 'transport.travel', { regime: 'light', sourcing: 'individual' });
    expect(sourcingOf(both.categories.find((c) => c.id === 'facility.cleaning'))).toBe('excluded');
    expect(both.categories.find((c) => c.id === 'transport.travel')).toMatchObject({ regime: 'light', sourcing: 'individual' });
    expect(sourcingOf(base.categories.find((c) => c.id === 'facility.cleaning'))).toBe('pooled');
    const changed = both.categories.filter((c, i) => JSON.stringify(c) !== JSON.stringify(base.categories[i])).map((c) => c.id);
    expect(changed).toEqual(['facility.cleaning', 'transport.travel']);
    expect(validateTree(both)).toEqual([]);
    expect(code(() => setProcurement(base, 'findes.ikke', { sourcing: 'pooled' }))).toBe('unknownCategory');
  });

  it('rejects invalid edits with a code the UI translates', () => {
    expect(code(() => renameCategory(base, 'nope', { da: 'X', en: 'X' }))).toBe('unknownCategory');
    expect(code(() => renameCategory(base, 'office', { da: ' ', en: 'Office' }))).toBe('emptyName');
    expect(code(() => renameCategory(base, 'office', { da: 'kontorartikler', en: 'Office' }))).toBe('nameTaken');
    expect(code(() => renameCategory(base, 'office', { da: 'Kontor', en: 'IT AND TELECOMS' }))).toBe('nameTaken');
    expect(code(() => addCategory(base, { parent: null, name: { da: 'Rengøring', en: 'New' } }))).toBe('nameTaken');
    expect(code(() => addCategory(base, { parent: 'ghost', name: { da: 'Ny', en: 'New' } }))).toBe('unknownParent');
    expect(code(() => addCategory(base, { parent: 'office.paper', name: { da: 'Ny', en: 'New' } }))).toBe('parentNotLevel1');
    expect(code(() => addCategory(base, { parent: 'nonaddr', name: { da: 'Ny', en: 'New' }, addressable: true }))).toBe('addressableUnderNonAddressable');
    expect(code(() => moveCategory(base, 'office', 'it'))).toBe('notLevel2');
    expect(code(() => moveCategory(base, 'office.paper', 'it.hardware'))).toBe('parentNotLevel1');
    expect(code(() => moveCategory(base, 'office.paper', 'ghost'))).toBe('unknownParent');
    expect(code(() => moveCategory(base, 'office.paper', 'office'))).toBe('sameParent');
    expect(code(() => moveCategory(base, 'office.paper', 'nonaddr'))).toBe('addressableUnderNonAddressable');
    expect(code(() => moveCategory(base, 'ghost.x', 'office'))).toBe('unknownCategory');
    // Non-addressable spend may move between non-addressable parents only; moving it under an addressable one is fine.
    expect(moveCategory(base, 'nonaddr.public', 'office').categories.find((c) => c.id === 'nonaddr.public')?.parent).toBe('office');
  });
});
