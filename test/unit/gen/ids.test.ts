import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATEGORY_SPECS } from '../../../src/core/gen/categories.js';
import { corruptCvr, CPR_PATTERN, gs1CheckDigit, isValidCvr, isValidGln, makeCpr, makeCvr, makeGln, normalizeCvr } from '../../../src/core/gen/ids.js';
import { Random } from '../../../src/core/gen/prng.js';
import { vocabulary } from '../../../src/core/gen/vocab/index.js';

describe('identifiers', () => {
  it('validates CVR with modulus 11 (Erhvervsstyrelsen example 13748136)', () => {
    expect(isValidCvr('13748136')).toBe(true);
    expect(isValidCvr('13748137')).toBe(false);
    expect(isValidCvr('03748136')).toBe(false);
    expect(isValidCvr('1374813')).toBe(false);
    expect(normalizeCvr('DK13748136')).toBe('13748136');
    expect(normalizeCvr('1374 8136')).toBe('13748136');
    expect(normalizeCvr('')).toBeNull();
  });

  it('makes only valid, unique CVRs, and every planted typo breaks the check', () => {
    const rng = new Random('cvr');
    const used = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const cvr = makeCvr(rng, used);
      expect(isValidCvr(cvr), cvr).toBe(true);
      const typo = corruptCvr(rng, cvr);
      expect(typo).not.toBe(cvr);
      expect(isValidCvr(typo), `${cvr} → ${typo}`).toBe(false);
    }
    expect(used.size).toBe(5000);
  });

  it('makes GS1-valid 5798 location numbers', () => {
    // A real Danish public EAN from the OIOUBL examples.
    expect(isValidGln('5798000416604')).toBe(true);
    expect(gs1CheckDigit('579800041660')).toBe(4);
    const rng = new Random('gln');
    const used = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const gln = makeGln(rng, used);
      expect(gln).toMatch(/^5798\d{9}$/);
      expect(isValidGln(gln)).toBe(true);
    }
  });

  it('writes CPR numbers as ddmmyy-xxxx with a real date', () => {
    const rng = new Random('cpr');
    for (let i = 0; i < 500; i++) {
      const cpr = makeCpr(rng);
      expect(cpr).toMatch(/^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-\d{4}$/);
      expect(cpr.match(CPR_PATTERN)).toHaveLength(1);
    }
  });
});

describe('taxonomy coverage', () => {
  it('uses exactly the level-2 ids of the default tree, each with its own vocabulary', () => {
    // Only ids and levels are read: the tree's keyword lists must stay unseen by the generator.
    const tree = JSON.parse(readFileSync(new URL('../../../src/core/taxonomy/default-tree.json', import.meta.url), 'utf8')) as {
      categories: { id: string; level: number }[];
    };
    const level2 = tree.categories.filter((c) => c.level === 2).map((c) => c.id).sort();
    expect(CATEGORY_SPECS.map((s) => s.id).sort()).toEqual(level2);
    expect([...vocabulary().keys()].sort()).toEqual(level2);
    for (const [id, items] of vocabulary()) {
      expect(items.length, id).toBeGreaterThanOrEqual(4);
      for (const item of items) if (item.unspsc) expect(item.unspsc, `${id}: ${item.template.source}`).toMatch(/^[1-9]\d{7}$/);
    }
  });
});
