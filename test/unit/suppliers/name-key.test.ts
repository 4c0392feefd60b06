import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { generateDemoFiles } from '../../../src/core/gen/index.js';
import { literal } from '../../../src/core/sql/escape.js';
import { cleanCvr, isValidCvr } from '../../../src/core/suppliers/cvr.js';
import { supplierKey, supplierKeySql, supplierNameKey, supplierNameKeySql } from '../../../src/core/suppliers/name-key.js';

const EXAMPLES: [string, string | null][] = [
  ['Kontorland Danmark A/S', 'kontorland'],
  ['KONTORLAND DANMARK AS', 'kontorland'],
  ['Kontorland', 'kontorland'],
  ['Skole & Hobby Danmark ApS', 'skole og hobby'],
  ['Skole og Hobby Danmark ApS', 'skole og hobby'],
  ['SKOLE & HOBBY DANMARK APS', 'skole og hobby'],
  ['Tømmergården Byggecenter A/S', 'toemmergaarden byggecenter'],
  ['TØMMERGÅRDEN BYGGECENTER AS', 'toemmergaarden byggecenter'],
  ['Strandby Rengøring v/ Jørgen Schmidt', 'strandby rengoering'],
  ['Bager Hansen v/Jens Hansen', 'bager hansen'],
  ['Café Ørsted I / S', 'cafe oersted'],
  ['Arla Foods a.m.b.a.', 'arla foods'],
  ['Nordlys Consult P/S', 'nordlys consult'],
  ['NORDLYS CONSULT PS', 'nordlys consult'],
  ['Vestment IVS', 'vestment'],
  ['Holm K/S', 'holm'],
  ['Fjordbys Rottebekæmpelse Aps', 'fjordbys rottebekaempelse'],
  ['Sheffield Health & Social Care NHS', 'sheffield health og social care nhs'],
  ['SHEFFIELD HEALTH AND SOCIAL CARE NHS', 'sheffield health og social care nhs'],
  ['Kier Construction Ltd', 'kier construction'],
  ['ApS', 'aps'],
  ['Danmark', 'danmark'],
  ['', null],
  ['   ', null],
];

describe('supplier name keys', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('normalises case, æøå, punctuation, "&"/"og"/"and", legal forms, "v/ owner" and "Danmark"', () => {
    for (const [name, key] of EXAMPLES) expect({ name, key: supplierNameKey(name) }).toEqual({ name, key });
  });

  it('gives the same key in SQL as in TypeScript, for the examples and every name Demo Kommune writes', async () => {
    const { manifest } = generateDemoFiles({ lines: 5_000, seed: 'names' });
    const names = [...new Set([...EXAMPLES.map(([n]) => n), ...manifest.nameVariants.flatMap((v) => [v.canonical, ...v.names])])];
    expect(names.length).toBeGreaterThan(50);
    const rows = await queryRows(
      db,
      `SELECT n, ${supplierNameKeySql('n')} AS k FROM (VALUES ${names.map((n) => `(${literal(n)})`).join(', ')}) t(n)`,
    );
    for (const r of rows) expect({ name: r.n, key: r.k }).toEqual({ name: r.n, key: supplierNameKey(String(r.n)) });
    // Every spelling the generator plants for one CVR meets in one name key (what the merge proposals build on).
    let same = 0;
    for (const v of manifest.nameVariants) {
      const keys = new Set([v.canonical, ...v.names].map((n) => supplierNameKey(n)));
      if (keys.size === 1) same++;
    }
    expect(same / manifest.nameVariants.length).toBeGreaterThan(0.6);
  });

  it('keys a valid CVR (DK prefix, spaces) by CVR, anything else by name, in SQL as in TypeScript', async () => {
    expect(cleanCvr('DK13748136')).toBe('13748136');
    expect(isValidCvr('DK 1374 8136')).toBe(true);
    expect(isValidCvr('13748137')).toBe(false);
    expect(supplierKey('DK13748136', 'Whatever A/S')).toBe('cvr:13748136');
    expect(supplierKey('13748137', 'Kontorland Danmark A/S')).toBe('name:kontorland');
    expect(supplierKey(null, 'Kontorland')).toBe('name:kontorland');
    expect(supplierKey('12345678', null)).toBe('name:12345678');
    const cases: [string | null, string | null][] = [['13748136', 'X'], ['13748137', 'Kontorland Danmark A/S'], [null, 'Kontorland'], ['12345678', null]];
    const rows = await queryRows(
      db,
      `SELECT c, n, ${supplierKeySql('c', 'n')} AS k FROM (VALUES ${cases.map(([c, n]) => `(${literal(c)}::VARCHAR, ${literal(n)}::VARCHAR)`).join(', ')}) t(c, n)`,
    );
    expect(rows.map((r) => r.k)).toEqual(cases.map(([c, n]) => supplierKey(c, n)));
  });
});
