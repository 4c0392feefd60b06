import { describe, it, expect } from 'vitest';
import {
  categoryForAccount,
  categoryForCpv,
  categoryForText,
  categoryForUnspsc,
  defaultCategoryTree,
  normalizeArt,
  validateTree,
  type CategoryTree,
  type CrosswalkScheme,
} from '../../../src/core/taxonomy/category-tree';
import { fixtureText } from '../../support/fixtures.js';

// The CPV list and UNSPSC segments, gzipped in test/fixtures/taxonomy (see SOURCES.md).
const csvLines = (name: string): string[] =>
  fixtureText(`taxonomy/${name}`).split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');

// The first column never needs quoting (code, segment), so a plain split is enough.
const cpvCodes = csvLines('cpv2008_da_sv_en.csv').map((l) => l.split(',')[0] ?? '');
const unspscSegments = csvLines('unspsc_segments.csv').map((l) => l.split(',')[0] ?? '');

const tree = defaultCategoryTree();
const byId = new Map(tree.categories.map((c) => [c.id, c]));

describe('default category tree', () => {
  it('is valid', () => {
    expect(validateTree(tree)).toEqual([]);
  });

  it('has a two-level shape of the intended size', () => {
    const l1 = tree.categories.filter((c) => c.level === 1);
    const l2 = tree.categories.filter((c) => c.level === 2);
    expect(l1.length).toBeGreaterThanOrEqual(12);
    expect(l1.length).toBeLessThanOrEqual(16);
    expect(l2.length).toBeGreaterThanOrEqual(60);
    expect(l2.length).toBeLessThanOrEqual(100);
    for (const c of l2) expect(byId.get(c.parent ?? '')?.level, c.id).toBe(1);
    for (const c of l1) expect(l2.some((k) => k.parent === c.id), c.id).toBe(true);
  });

  it('has unique ids and unique Danish and English names', () => {
    const uniq = (xs: string[]) => new Set(xs).size === xs.length;
    expect(uniq(tree.categories.map((c) => c.id))).toBe(true);
    expect(uniq(tree.categories.map((c) => c.name.da.toLowerCase()))).toBe(true);
    expect(uniq(tree.categories.map((c) => c.name.en.toLowerCase()))).toBe(true);
  });

  it('never puts the same prefix in two categories (per scheme)', () => {
    for (const scheme of ['cpv', 'unspsc', 'accounts', 'keywords'] as CrosswalkScheme[]) {
      const all = tree.categories.flatMap((c) => c.crosswalk[scheme]);
      const dups = all.filter((p, i) => all.indexOf(p) !== i);
      expect(dups, scheme).toEqual([]);
    }
  });

  it('marks the non-addressable branch and only it as non-addressable', () => {
    for (const c of tree.categories) {
      const nonaddr = c.id === 'nonaddr' || c.parent === 'nonaddr';
      expect(c.addressable, c.id).toBe(!nonaddr);
    }
  });

  it('gives every level-2 category some way to be reached', () => {
    for (const c of tree.categories.filter((k) => k.level === 2)) {
      const cw = c.crosswalk;
      expect(cw.cpv.length + cw.unspsc.length + cw.accounts.length + cw.keywords.length, c.id).toBeGreaterThan(0);
      expect(cw.keywords.length, c.id).toBeGreaterThanOrEqual(10);
    }
  });

  it('returns a deep copy each time', () => {
    const a = defaultCategoryTree();
    a.categories[0]?.crosswalk.cpv.push('99');
    a.categories.pop();
    const b = defaultCategoryTree();
    expect(b.categories.length).toBe(tree.categories.length);
    expect(b.categories[0]?.crosswalk.cpv).toEqual(tree.categories[0]?.crosswalk.cpv);
  });
});

describe('CPV crosswalk', () => {
  it('reads the full CPV 2008 list', () => {
    expect(cpvCodes.length).toBe(9454);
  });

  it('maps every one of the 45 CPV divisions', () => {
    const divisions = [...new Set(cpvCodes.map((c) => c.slice(0, 2)))];
    expect(divisions.length).toBe(45);
    const unmapped = divisions.filter((d) => categoryForCpv(tree, `${d}000000`) === null);
    expect(unmapped).toEqual([]);
  });

  it('maps every CPV code in the list to a level-2 category', () => {
    const unmapped = cpvCodes.filter((c) => categoryForCpv(tree, c) === null);
    expect(unmapped).toEqual([]);
    const toLevel1 = cpvCodes.filter((c) => byId.get(categoryForCpv(tree, c) ?? '')?.level !== 2);
    expect(toLevel1).toEqual([]);
  });

  it('uses only prefixes of codes that exist', () => {
    const codes8 = cpvCodes.map((c) => c.slice(0, 8));
    for (const c of tree.categories) {
      for (const p of c.crosswalk.cpv) expect(codes8.some((k) => k.startsWith(p)), `${c.id} ${p}`).toBe(true);
    }
  });

  it('sends all construction work (division 45) to a works-regime category', () => {
    const bad = cpvCodes.filter((c) => c.startsWith('45') && byId.get(categoryForCpv(tree, c) ?? '')?.regime !== 'works');
    expect(bad).toEqual([]);
  });

  it('resolves by longest prefix', () => {
    expect(categoryForCpv(tree, '30192000')).toBe('office.supplies');
    expect(categoryForCpv(tree, '30192000-1')).toBe('office.supplies');
    expect(categoryForCpv(tree, '30197643-5')).toBe('office.paper'); // photocopier paper inside "30"
    expect(categoryForCpv(tree, '30213100-6')).toBe('it.hardware'); // portable computers
    expect(categoryForCpv(tree, '30232110-8')).toBe('it.printers'); // laser printers inside "302"
    expect(categoryForCpv(tree, '30125100-2')).toBe('it.printers'); // toner
    expect(categoryForCpv(tree, '09134200-9')).toBe('transport.fuel'); // diesel
    expect(categoryForCpv(tree, '09135100-5')).toBe('energy.heating'); // heating oil
    expect(categoryForCpv(tree, '09310000-5')).toBe('energy.electricity');
    expect(categoryForCpv(tree, '90911200-8')).toBe('facility.cleaning');
    expect(categoryForCpv(tree, '90923000-3')).toBe('facility.pest');
    expect(categoryForCpv(tree, '90620000-9')).toBe('facility.grounds'); // snow clearing
    expect(categoryForCpv(tree, '34927100-2')).toBe('facility.grounds'); // road salt
    expect(categoryForCpv(tree, '55521100-9')).toBe('food.meals'); // meals-on-wheels
    expect(categoryForCpv(tree, '55510000-8')).toBe('food.canteen');
    expect(categoryForCpv(tree, '15861000-1')).toBe('food.beverages'); // coffee
    expect(categoryForCpv(tree, '79624000-4')).toBe('staffing.health');
    expect(categoryForCpv(tree, '79710000-4')).toBe('facility.security');
    expect(categoryForCpv(tree, '85311300-5')).toBe('social.residential');
    expect(categoryForCpv(tree, '33193120-6')).toBe('health.aids'); // wheelchairs
    expect(categoryForCpv(tree, '33141621-9')).toBe('health.incontinence');
    expect(categoryForCpv(tree, '45233140-2')).toBe('works.roads');
    expect(categoryForCpv(tree, '45442100-8')).toBe('works.crafts'); // painting
    expect(categoryForCpv(tree, '45214200-2')).toBe('works.construction'); // school building
    expect(categoryForCpv(tree, '75310000-2')).toBe('nonaddr.transfers');
    expect(categoryForCpv(tree, '')).toBeNull();
  });
});

describe('UNSPSC crosswalk', () => {
  it('maps every one of the 55 segments', () => {
    expect(unspscSegments.length).toBe(55);
    const unmapped = unspscSegments.filter((s) => categoryForUnspsc(tree, `${s}000000`) === null);
    expect(unmapped).toEqual([]);
  });

  it('lets families override segments', () => {
    expect(categoryForUnspsc(tree, '44121700')).toBe('office.supplies');
    expect(categoryForUnspsc(tree, '44103103')).toBe('it.printers'); // toner
    expect(categoryForUnspsc(tree, '43211503')).toBe('it.hardware'); // notebook computers
    expect(categoryForUnspsc(tree, '43232100')).toBe('it.software');
    expect(categoryForUnspsc(tree, '47131700')).toBe('facility.hygiene');
    expect(categoryForUnspsc(tree, '76111500')).toBe('facility.cleaning');
    expect(categoryForUnspsc(tree, '50201706')).toBe('food.beverages'); // coffee
    expect(categoryForUnspsc(tree, '50131700')).toBe('food.groceries'); // dairy
    expect(categoryForUnspsc(tree, '80111600')).toBe('staffing.office'); // temporary personnel
    expect(categoryForUnspsc(tree, '90121500')).toBe('transport.travel');
    expect(categoryForUnspsc(tree, '14111704')).toBe('facility.hygiene'); // toilet tissue
    expect(categoryForUnspsc(tree, '14111507')).toBe('office.paper'); // copier paper
  });
});

describe('account (art) crosswalk', () => {
  it('recognises arter that decide the category by themselves', () => {
    expect(categoryForAccount(tree, '5.2')).toBe('nonaddr.transfers');
    expect(categoryForAccount(tree, '5.9')).toBe('nonaddr.transfers');
    expect(categoryForAccount(tree, '2.2')).toBe('food.groceries');
    // Art 2.3 holds energy as well as fuel: a broad art decides nothing by itself (DESIGN.md), the model reads it.
    expect(categoryForAccount(tree, '2.3')).toBeNull();
    expect(categoryForAccount(tree, '4.5')).toBe('works.crafts');
    expect(categoryForAccount(tree, '1.0')).toBe('nonaddr.payroll');
    expect(categoryForAccount(tree, '4.6')).toBe('nonaddr.public');
    expect(categoryForAccount(tree, '4.8')).toBe('nonaddr.public');
    expect(categoryForAccount(tree, '2.5')).toBe('nonaddr.property');
    expect(categoryForAccount(tree, '9.1')).toBe('nonaddr.internal');
  });

  it('leaves broad arter unclassified', () => {
    for (const art of ['2.7', '2.9', '4.0', '4.9']) expect(categoryForAccount(tree, art), art).toBeNull();
  });

  it('accepts the usual spellings of an art', () => {
    expect(normalizeArt(' 2,2 ')).toBe('2.2');
    expect(normalizeArt('22')).toBe('2.2');
    expect(categoryForAccount(tree, '22')).toBe('food.groceries');
    expect(categoryForAccount(tree, '5,2')).toBe('nonaddr.transfers');
    expect(categoryForAccount(tree, '2.21')).toBe('food.groceries');
    expect(categoryForAccount(tree, 'x')).toBeNull();
  });
});

describe('keyword crosswalk', () => {
  it('has lowercase, trimmed keywords', () => {
    for (const c of tree.categories) {
      for (const k of c.crosswalk.keywords) expect(k, c.id).toBe(k.trim().toLowerCase());
    }
  });

  it('classifies typical Danish invoice lines', () => {
    const cases: Array<[string, string | null]> = [
      ['Kuglepenne blå 50 stk', 'office.supplies'],
      ['Toiletpapir 2-lags 64 ruller', 'facility.hygiene'],
      ['Kopipapir A4 80 g 5 x 500 ark', 'office.paper'],
      ['Rengøringsmidler til køkken', 'facility.hygiene'],
      ['Daglig rengøring januar', 'facility.cleaning'],
      ['Vikar sygeplejerske nattevagt', 'staffing.health'],
      ['Sygeplejerskevikar uge 12', 'staffing.health'],
      ['Vikar 7,5 timer', 'staffing'],
      ['Diesel 45,21 l', 'transport.fuel'],
      ['Fjernvarme aconto 1. kvt', 'energy.heating'],
      ['Intern husleje', 'nonaddr.internal'],
      ['Husleje januar', 'facility.rent'],
      ['Kontanthjælp', 'nonaddr.transfers'],
      ['Mellemkommunal betaling, anbringelse', 'nonaddr.public'],
      ['Opholdssted døgntakst marts', 'social.residential'],
      ['Kaffemaskine leje', 'equipment.kitchen'],
      ['Kaffe 500 g', 'food.beverages'],
      ['Smørrebrød til møde', 'food.meals'],
      ['Asfaltering af Skolevej', 'works.roads'],
      ['Panodil tabletter 100 stk', 'health.medicine'],
    ];
    for (const [text, want] of cases) expect(categoryForText(tree, text), text).toBe(want);
  });

  it('does not fire inside common words', () => {
    for (const text of ['Eventuelt restbeløb', 'Hvor meget', 'Kalenderår 2024', 'Budget 2025', 'Pct. tillæg'])
      expect(categoryForText(tree, text), text).toBeNull();
    expect(categoryForText(tree, 'Servering og personale')).toBe('food.meals');
    expect(categoryForText(tree, 'Logopædisk bistand')).toBe('social.special_ed');
  });
});

describe('validateTree', () => {
  const copy = (): CategoryTree => defaultCategoryTree();

  it('detects a duplicate id', () => {
    const t = copy();
    const first = t.categories[1];
    if (!first) throw new Error('empty tree');
    t.categories.push({ ...first, name: { da: 'Ny', en: 'New' }, crosswalk: { cpv: [], unspsc: [], accounts: [], keywords: [] } });
    expect(validateTree(t).some((p) => p.includes('duplicate id'))).toBe(true);
  });

  it('detects an orphan level-2 category', () => {
    const t = copy();
    t.categories.push({
      id: 'ghost.child',
      parent: 'ghost',
      level: 2,
      name: { da: 'Spøgelse', en: 'Ghost' },
      addressable: true,
      regime: 'standard',
      crosswalk: { cpv: [], unspsc: [], accounts: [], keywords: [] },
    });
    expect(validateTree(t).some((p) => p.includes('ghost.child') && p.includes('parent'))).toBe(true);
  });

  it('detects a level-1 category with a parent, duplicate names and a shared prefix', () => {
    const t = copy();
    const [a, b] = t.categories.filter((c) => c.level === 1);
    const [x, y] = t.categories.filter((c) => c.level === 2);
    if (!a || !b || !x || !y) throw new Error('tree too small');
    a.parent = b.id;
    y.name.en = x.name.en;
    y.crosswalk.cpv.push(x.crosswalk.cpv[0] ?? '30');
    x.crosswalk.keywords.push('Versaler');
    const problems = validateTree(t);
    expect(problems.some((p) => p.includes('level-1') && p.includes('parent'))).toBe(true);
    expect(problems.some((p) => p.includes('en name'))).toBe(true);
    expect(problems.some((p) => p.startsWith('cpv '))).toBe(true);
    expect(problems.some((p) => p.includes('not lowercase'))).toBe(true);
  });

  it('rejects malformed codes and an addressable child of a non-addressable parent', () => {
    const t = copy();
    const child = t.categories.find((c) => c.id === 'nonaddr.payroll');
    const office = t.categories.find((c) => c.id === 'office.supplies');
    if (!child || !office) throw new Error('missing category');
    child.addressable = true;
    office.crosswalk.unspsc.push('441');
    office.crosswalk.cpv.push('3x');
    const problems = validateTree(t);
    expect(problems.some((p) => p.includes('nonaddr.payroll') && p.includes('addressable'))).toBe(true);
    expect(problems.some((p) => p.includes('unspsc "441"'))).toBe(true);
    expect(problems.some((p) => p.includes('cpv "3x"'))).toBe(true);
  });
});
