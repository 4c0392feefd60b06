import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { matchCategoryText } from '../../../src/core/agreements/category-text.js';
import { AgreementMappingError, mapAgreements, nameParts, setAgreementCategories } from '../../../src/core/agreements/index.js';
import { prepareAnalysisLines } from '../../../src/core/analysis/fragmentation/lines.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { buildSuppliers } from '../../../src/core/suppliers/index.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { importFiles, insertLines } from '../analysis/helpers.js';

const tree = defaultCategoryTree();
const ids = (text: string) => matchCategoryText(tree, text).map((m) => `${m.categoryId}/${m.how}`);

describe('a register category column in its own words', () => {
  it('matches ids, names, synonyms and parts of names, with accents, case and "&"/"og" folded', () => {
    expect(ids('office.supplies')).toEqual(['office.supplies/id']);
    expect(ids('Kontorartikler')).toEqual(['office.supplies/name']);
    expect(ids('  IT OG TELEFONI ')).toEqual(['it/name']);
    expect(ids('IT & Telefoni')).toEqual(['it/name']);
    expect(ids('Office supplies')).toEqual(['office.supplies/name']);
    expect(ids('Kost')).toEqual(['food/synonym']);
    expect(ids('Ejendomme')).toEqual(['facility/synonym']);
    expect(ids('Håndværkere')).toEqual(['works.crafts/synonym']);
    expect(ids('Papirvarer')).toEqual(['office.paper/part']);
    expect(ids('Kontor; Edb')).toEqual(['office/synonym', 'it/synonym']);
    expect(ids('IT')).toEqual(['it/id']);
    expect(ids('Café')).toEqual([]);
    expect(ids('')).toEqual([]);
  });

  it('splits an agreement name into parts, leaving out the first half of a shared compound', () => {
    expect(nameParts('Kontorartikler og kopipapir')).toEqual(['Kontorartikler og kopipapir', 'Kontorartikler', 'kopipapir']);
    expect(nameParts('Rengørings- og hygiejneartikler')).toEqual(['Rengørings- og hygiejneartikler', 'hygiejneartikler']);
    expect(nameParts('Håndværkerydelser – VVS')).toEqual(['Håndværkerydelser – VVS', 'Håndværkerydelser', 'VVS']);
  });
});

const CVR = ['10000009', '10000017', '10000025', '10000033', '10000041', '10000068', '13748136', '10000076'];
const REGISTER = [
  'Aftalenr;Aftale;Leverandør;CVR;Startdato;Slutdato;Udbudsform;Område;CPV;Anslået værdi (kr.)',
  `A-1;Kontorartikler og kopipapir;Kontorhuset ApS;${CVR[0]};01-01-2024;31-12-2027;SKI-aftale 02.19;Kontor;;2.000.000`,
  `A-2;Computere og skærme;IT-Huset A/S;${CVR[1]};01-07-2023;30-06-2027;SKI 50.40;;;`,
  `A-3;Levering af el;Strømmen A/S;${CVR[2]};01-01-2022;31-12-2027;Eget udbud;Energi;;`,
  `A-4;Rammeaftale 2023/14;Renholdt ApS;${CVR[3]};01-01-2023;31-12-2026;Eget udbud;;;`,
  `A-5;Diverse ydelser;Vask og Rent I/S;${CVR[4]};01-01-2023;31-12-2026;Eget udbud;;90910000-9;`,
  `A-6;Varer til køkkener;Grossisten A/S;${CVR[5]};01-01-2023;31-12-2026;SKI 50.70;Kost;;`,
  `A-7;Håndværkerydelser – VVS;VVS-Firmaet;${CVR[6]};01-01-2023;31-12-2026;Eget udbud;Ejendomme;;`,
  `A-8;Vikarer;Vikarhuset A/S;${CVR[7]};01-01-2023;31-12-2026;SKI 02.40;;;`,
  // A second supplier of A-2: same agreement, one row per supplier.
  `A-2;Computere og skærme;Datahuset ApS;13748144;01-07-2023;30-06-2027;SKI 50.40;;;`,
].join('\r\n');

describe('mapping agreements to categories', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    const [summary] = await importFiles(db, [{ name: 'aftaler.csv', bytes: new TextEncoder().encode(REGISTER) }]);
    expect(summary).toMatchObject({ rowsRead: 9, rowsLoaded: 9, rowsRejected: 0 });
    // The suppliers' classified spend: Renholdt cleans (the name says nothing), the temp agency staffs care.
    await insertLines(db, [
      ...Array.from({ length: 8 }, () => ({ supplier: 'Renholdt ApS', cvr: CVR[3]!, amount: 10_000, category: 'facility.cleaning' })),
      { supplier: 'Renholdt ApS', cvr: CVR[3]!, amount: 2_000, category: 'facility.hygiene' },
      ...Array.from({ length: 5 }, () => ({ supplier: 'Vikarhuset A/S', cvr: CVR[7]!, amount: 30_000, category: 'staffing.health' })),
      { supplier: 'Vikarhuset A/S', cvr: CVR[7]!, amount: 5_000, category: 'staffing.office' },
      { supplier: 'Kontorhuset ApS', cvr: CVR[0]!, amount: 1_000, category: 'office.supplies' },
    ]);
    await buildSuppliers(db);
  });
  afterAll(() => db?.close());

  const effective = async () =>
    Object.fromEntries(
      (await queryRows(db, `SELECT agreement_key, list(category_id ORDER BY category_id) AS c FROM (SELECT * FROM agreement_category WHERE category_id IS NOT NULL) GROUP BY 1`)).map(
        (r) => [String(r.agreement_key), r.c],
      ),
    );

  it('reads the register in its own words: a maximum value, a CPV code, and one agreement with two suppliers', async () => {
    const [a1] = await queryRows(db, `SELECT max_value::DOUBLE AS v, code, category_text FROM contract WHERE contract_id = 'A-1'`);
    expect(a1).toEqual({ v: 2_000_000, code: null, category_text: 'Kontor' });
    const [a5] = await queryRows(db, `SELECT code FROM contract WHERE contract_id = 'A-5'`);
    expect(a5?.code).toBe('cpv:90910000');
  });

  it('maps each agreement by the first source that says something, with the reason', async () => {
    const mapped = await mapAgreements(db, tree);
    const show = (key: string) => (mapped.get(key) ?? []).map((m) => `${m.categoryId}:${m.method}:${m.basis}`).sort();
    // Area "Kontor" (level 1) narrowed by the name's parts: two categories.
    expect(show('a-1')).toEqual(['office.paper:name:kopipapir', 'office.supplies:name:kontorartikler']);
    // No area: the name alone (both parts say IT hardware).
    expect(show('a-2')).toEqual(['it.hardware:name:computere']);
    // Area "Energi" narrowed by "el".
    expect(show('a-3')).toEqual(['energy.electricity:name:el']);
    // A name that says nothing: the supplier's spend, clearly cleaning (80 of 82 t. kr.).
    expect(show('a-4')).toEqual(['facility.cleaning:supplier_spend:0.976']);
    // A CPV code column, through the crosswalk.
    expect(show('a-5')).toEqual(['facility.cleaning:code:cpv:90910000']);
    // Area "Kost": the name says nothing food-specific the rules know, no spend: the area, unsure.
    const a6 = mapped.get('a-6')!;
    expect(a6.map((m) => m.categoryId)).toEqual(['food']);
    expect(a6[0]!.confidence).toBeLessThan(0.6);
    // Area "Ejendomme", but the name says crafts: what is bought wins over who keeps the agreement.
    expect(show('a-7')).toEqual(['works.crafts:name:håndværkerydelser']);
    // "Vikarer" names only the level 1; the agency's spend picks the level 2 (150 of 155 t. kr.).
    expect(show('a-8')).toEqual(['staffing.health:supplier_spend:0.968']);
    expect(await effective()).toMatchObject({ 'a-2': ['it.hardware'] });
  });

  it('lets a person choose, used by the analysis; back to the automatic mapping; unknown categories refused', async () => {
    await mapAgreements(db, tree);
    const covered = async () => {
      const lines = await prepareAnalysisLines(db, { tree });
      try {
        const rows = await queryRows(db, `SELECT cat2, bool_or(has_agreement) AS agr FROM "${lines.table}" GROUP BY 1 ORDER BY 1`);
        return Object.fromEntries(rows.map((r) => [String(r.cat2), r.agr]));
      } finally {
        await lines.close();
      }
    };
    expect(await covered()).toMatchObject({ 'facility.cleaning': true, 'facility.hygiene': false, 'staffing.health': true, 'staffing.office': false });
    await setAgreementCategories(db, 'a-8', ['staffing.health', 'staffing.office'], tree);
    expect(await covered()).toMatchObject({ 'staffing.health': true, 'staffing.office': true });
    // The choice survives a new automatic mapping (a refresh).
    await mapAgreements(db, tree);
    expect(await covered()).toMatchObject({ 'staffing.office': true });
    // "Covers nothing", then back to automatic.
    await setAgreementCategories(db, 'a-8', [], tree);
    expect(await covered()).toMatchObject({ 'staffing.health': false, 'staffing.office': false });
    await setAgreementCategories(db, 'a-8', null, tree);
    expect(await covered()).toMatchObject({ 'staffing.health': true, 'staffing.office': false });
    const error = await setAgreementCategories(db, 'a-8', ['staffing.nope'], tree).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgreementMappingError);
    expect((error as AgreementMappingError).da).toContain('staffing.nope');
  });
});
