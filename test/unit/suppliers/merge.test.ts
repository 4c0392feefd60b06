import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { loadFragmentation } from '../../../src/core/analysis/fragmentation/index.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows, queryValue } from '../../../src/core/db/rows.js';
import { literal } from '../../../src/core/sql/escape.js';
import {
  acceptMerge, acceptProposalsAbove, buildSuppliers, clearSupplierTables, effectiveSupplierKeySql, listMergeProposals, loadSupplierDetail,
  loadSupplierList, normaliseSupplierKeys, rejectMerge, resolveMerges, supplierKeySql,
} from '../../../src/core/suppliers/index.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { insertLines, type LineSpec } from '../analysis/helpers.js';

const A = '10000009';
const B = '10000017';
const C = '10000025';
const D = '10000033';
const E = '10000041';
const F = '10000068';
const G = '13748136';

const LINES: LineSpec[] = [
  { amount: 1000, supplier: 'Kontorland Danmark A/S', cvr: A, unit: 'U1' },
  { amount: 500, supplier: 'KONTORLAND DANMARK AS', cvr: A, unit: 'U2' },
  { amount: 200, supplier: 'Kontorland', unit: 'U3' },
  { amount: 100, supplier: 'Kontorland Danmark A/S', cvr: '10000008', unit: 'U3' },
  { amount: 300, supplier: 'Servicefirmaet v/ Lars Larsen', cvr: B },
  { amount: 300, supplier: 'Servicefirmaet v/ Birgitte Olsen', cvr: C },
  { amount: 50, supplier: 'Servicefirmaet v/ Lars Larsen' },
  { amount: 800, supplier: 'Datapunkt Nord A/S', cvr: D },
  { amount: 80, supplier: 'Datapunkt' },
  { amount: 600, supplier: 'Hygiejnehuset A/S', cvr: E },
  { amount: 30, supplier: 'Hygiejnehust' },
  { amount: 100, supplier: 'Bostedet Ulvedalen', cvr: F },
  { amount: 100, supplier: 'Bostedet Ulvedalen I/S', cvr: G },
].map((l) => ({ ...l, category: 'office.supplies' }));

const pairs = async (db: DbConnector, status = 'proposed') =>
  (await listMergeProposals(db)).filter((p) => p.status === status).map((p) => `${p.fromKey} -> ${p.toKey} (${p.reason})`).sort();

/** A fresh database holding LINES for the enclosing describe, handed to `use`; closed after its tests. */
function withLines(use: (db: DbConnector) => void): void {
  let db: DbConnector | undefined;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    await insertLines(db, LINES);
    use(db);
  });
  afterAll(() => db?.close());
}

describe('supplier table and merge proposals', () => {
  let db: DbConnector;
  withLines((opened) => (db = opened));

  it('builds one row per key with CVR status, the most frequent spelling and every spelling', async () => {
    const summary = await buildSuppliers(db);
    expect(summary).toMatchObject({ suppliers: 11, withValidCvr: 7 });
    const rows = await queryRows(db, `SELECT key, cvr, cvr_status, display_name, variants, spend, lines FROM supplier ORDER BY key`);
    const a = rows.find((r) => r.key === `cvr:${A}`)!;
    expect(a).toMatchObject({ cvr: A, cvr_status: 'valid', spend: 1500, lines: 2 });
    expect((a.variants as { name: string }[]).map((v) => v.name).sort()).toEqual(['KONTORLAND DANMARK AS', 'Kontorland Danmark A/S']);
    // Lines without a valid CVR meet under the normalised name; one carried an invalid CVR.
    expect(rows.find((r) => r.key === 'name:kontorland')).toMatchObject({ cvr: '10000008', cvr_status: 'invalid', spend: 300, lines: 2 });
    expect(rows.find((r) => r.key === 'name:datapunkt')).toMatchObject({ cvr: null, cvr_status: 'missing' });
  });

  it('proposes same names, name prefixes and one-letter typos, never two valid CVRs', async () => {
    expect(await pairs(db)).toEqual([
      `name:datapunkt -> cvr:${D} (name-prefix)`,
      `name:hygiejnehust -> cvr:${E} (similar-spelling)`,
      `name:kontorland -> cvr:${A} (same-name)`,
      `name:servicefirmaet -> cvr:${B} (same-name)`,
      `name:servicefirmaet -> cvr:${C} (same-name)`,
    ]);
    const cvrPairs = await queryValue(db, `SELECT count(*) FROM supplier_merge WHERE starts_with(from_key, 'cvr:') AND starts_with(to_key, 'cvr:')`);
    expect(cvrPairs).toBe(0);
  });

  it('accepts unattended only the unambiguous proposals, and applies merges in the analysis', async () => {
    const before = await loadFragmentation(db);
    expect(await acceptProposalsAbove(db, 1)).toBe(1);
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:kontorland'))}`)).toBe(`cvr:${A}`);
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:servicefirmaet'))}`)).toBe('name:servicefirmaet');
    const after = await loadFragmentation(db);
    const office = (f: typeof after) => f.category2.find((m) => m.id === 'office.supplies')!;
    expect(office(after).suppliers).toBe(office(before).suppliers - 1);
    expect(office(after).topSupplier?.key).toBe(`cvr:${A}`);
  });

  it('refuses two valid CVRs and cycles, turns a CVR source round, and lets a later decision replace an earlier one', async () => {
    await expect(acceptMerge(db, `cvr:${B}`, `cvr:${C}`)).rejects.toThrow(/never merged/);
    await acceptMerge(db, `cvr:${D}`, 'name:datapunkt');
    expect(await pairs(db, 'accepted')).toContain(`name:datapunkt -> cvr:${D} (name-prefix)`);
    await acceptMerge(db, 'name:servicefirmaet', `cvr:${B}`);
    await acceptMerge(db, 'name:servicefirmaet', `cvr:${C}`);
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:servicefirmaet'))}`)).toBe(`cvr:${C}`);
    expect(await pairs(db, 'rejected')).toContain(`name:servicefirmaet -> cvr:${B} (same-name)`);
    // A chain resolves to its root; closing it into a cycle is refused.
    await acceptMerge(db, 'name:hygiejnehust', 'name:kontorland');
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:hygiejnehust'))}`)).toBe(`cvr:${A}`);
    await expect(acceptMerge(db, 'name:kontorland', 'name:hygiejnehust')).rejects.toThrow(/cycle/);
    const mixed = await queryRows(db, `SELECT effective_key FROM supplier GROUP BY 1 HAVING count(DISTINCT cvr) FILTER (WHERE cvr_valid) > 1`);
    expect(mixed).toEqual([]);
    expect([...resolveMerges([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }])]).toEqual([['a', 'c'], ['b', 'c']]);
  });

  it('keeps decisions when suppliers are rebuilt, and undoes a merge on rejection', async () => {
    await rejectMerge(db, 'name:hygiejnehust', 'name:kontorland');
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:hygiejnehust'))}`)).toBe('name:hygiejnehust');
    await buildSuppliers(db);
    expect(await pairs(db, 'accepted')).toEqual([
      `name:datapunkt -> cvr:${D} (name-prefix)`,
      `name:kontorland -> cvr:${A} (same-name)`,
      `name:servicefirmaet -> cvr:${C} (same-name)`,
    ]);
    expect(await pairs(db)).toEqual([`name:hygiejnehust -> cvr:${E} (similar-spelling)`]);
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:kontorland'))}`)).toBe(`cvr:${A}`);
  });

  it('shows a supplier with all its spellings, CVR status, spend by category and unit', async () => {
    const detail = await loadSupplierDetail(db, 'name:kontorland');
    expect(detail).toMatchObject({ key: `cvr:${A}`, cvr: A, cvrStatus: 'valid', displayName: 'Kontorland Danmark A/S', mergedKeys: ['name:kontorland'], spend: 1800, lines: 4 });
    expect(detail!.variants).toEqual([
      { name: 'Kontorland Danmark A/S', lines: 2, spend: 1100 },
      { name: 'KONTORLAND DANMARK AS', lines: 1, spend: 500 },
      { name: 'Kontorland', lines: 1, spend: 200 },
    ]);
    expect(detail!.byCategory).toEqual([{ categoryId: 'office.supplies', spend: 1800, lines: 4 }]);
    expect(detail!.byUnit.map((u) => [u.unit, u.spend])).toEqual([['U1', 1000], ['U2', 500], ['U3', 300]]);
    const list = await loadSupplierList(db, { search: 'kontorland' });
    expect(list.map((s) => s.key)).toEqual([`cvr:${A}`]);
    expect((await loadSupplierList(db)).length).toBe(8);
    await clearSupplierTables(db);
    expect(await queryValue(db, `SELECT count(*) FROM supplier_merge`)).toBe(0);
    expect(await queryValue(db, `SELECT ${effectiveSupplierKeySql(literal('name:kontorland'))}`)).toBe('name:kontorland');
  });
});

describe('supplier keys brought in line with the normalised key', () => {
  let db: DbConnector;
  withLines((opened) => (db = opened));

  it('re-keys exactly the lines whose key differs, to the key supplierKeySql gives', async () => {
    // Keys as a simpler importer wrote them: the lower-cased name, whatever the CVR.
    await db.exec(`UPDATE spend_line SET supplier_key = 'name:' || lower(supplier_name)`);
    const right = supplierKeySql('supplier_cvr', 'supplier_name');
    const wrong = Number(await queryValue(db, `SELECT count(*) FROM spend_line WHERE supplier_key IS DISTINCT FROM ${right}`));
    expect(wrong).toBeGreaterThan(5);
    expect(wrong).toBeLessThan(LINES.length + 1);
    const spend = await queryValue(db, 'SELECT sum(amount)::DOUBLE FROM spend_line');
    expect(await normaliseSupplierKeys(db)).toBe(wrong);
    expect(await queryValue(db, `SELECT count(*) FROM spend_line WHERE supplier_key IS DISTINCT FROM ${right}`)).toBe(0);
    expect(await queryValue(db, 'SELECT sum(amount)::DOUBLE FROM spend_line')).toBe(spend);
    expect(await queryValue(db, `SELECT count(DISTINCT supplier_key) FROM spend_line`)).toBe(11);
    // Once in line, nothing is left to do.
    expect(await normaliseSupplierKeys(db)).toBe(0);
  });
});
