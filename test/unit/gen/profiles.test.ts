import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/gen.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { FORMATS, generateDemoFiles, Generation } from '../../../src/core/gen/index.js';
import { FJORDBY_INVOICE_HEADER } from '../../../src/core/gen/profiles/fjordby/export.js';
import { FJORDBY_VOCAB_ROWS } from '../../../src/core/gen/profiles/fjordby/vocab.js';
import { profileFor } from '../../../src/core/gen/profiles/index.js';
import { vocabulary } from '../../../src/core/gen/vocab/index.js';
import { detectSourceRole } from '../../../src/core/import/detect.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { proposeMapping } from '../../../src/core/import/roles.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { ensureSchema } from '../../../src/core/workspace/schema.js';
import { defaultCategoryTree } from '../../../src/core/taxonomy/category-tree.js';
import { generateInMemory, generateProfileInMemory } from './helpers.js';

/**
 * Generator profiles: Demo Kommune unchanged to the byte by the profile refactor, Fjordby
 * deterministic and different from Demo Kommune in everything it should differ in, and its files
 * loadable through the real import path.
 */

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Demo Kommune's files before the profile refactor (commit 21f48c9, 5,000 lines, seed 'frozen',
 * every format; and the browser demo at 3,000 lines). Any change to Demo Kommune's output is a
 * change to the built-in demo and to every figure tuned on it: update these only on purpose.
 */
const DEMO_FROZEN: Readonly<Record<string, string>> = {
  'ehandel.csv': '5ac59c3d0b8b23eecf8e29bb316c8c48c8f920a191100a10501ec740ac009a2f',
  'fakturaer-oioubl.zip': 'f441e870da72a23e54f1795225db70827e161ff59a8ecf468eb8303bff3b2a82',
  'fakturalinjer-cp1252.csv': 'bff2ca43dcfc3a89887fb3fe29ad109cb2507d910617e402ab63fe2b61f9fe6e',
  'fakturalinjer-punktum.csv': 'ed44eec8c30ec9a291612bddcf291973d183e24b6de6612f80c4239217013232',
  'fakturalinjer.csv': '8036e4bf68ec13ba2e5a4392d28e842fc69593ca9635e41ac4b247d767d8ca28',
  'fakturalinjer.xlsx': 'fa1cf379775f97a0f18d52472e3988e6a3693874f1aa03aed6d399aceb480f99',
  'kontrakter.csv': 'fb4c100a9e64ee7a582560c2f53fe7f8958a680aa98854ec4cbc7ee4600983d8',
  'truth.csv': '23ef7115b7929fa486ed5ecfc80007ec3a5b5f8569bdff9dd2cd69d9d784ca05',
  'manifest.json': 'c4c84841e45333a158b5d26cba5879379e4a5a35228af56b3be33e014461667d',
  'demo:fakturalinjer.csv': 'dd7dbcd90b41815954af86570072f9af2d1533914051d646d077b1e01c07b9d4',
  'demo:ehandel.csv': 'bd68b21c7b52d24af678fe6ee25c78b8faf796ac4c507742acfa48ddcac6356b',
  'demo:kontrakter.csv': 'd72a79b7c293ad5ac285df9814de011730f9a0a234da3670bb9ab4c1704dbf8a',
};

describe('Demo Kommune is unchanged by profiles', () => {
  it('writes the same bytes as before the profile refactor, in every format', () => {
    const { files, manifest } = generateInMemory(5000, 'frozen', FORMATS);
    const got: Record<string, string> = {};
    for (const [name, bytes] of files) got[name] = sha256(bytes);
    got['manifest.json'] = sha256(new TextEncoder().encode(JSON.stringify(manifest, null, 2)));
    for (const f of generateDemoFiles({ lines: 3000, seed: 'demo' }).files) got[`demo:${f.name}`] = sha256(f.bytes);
    expect(got).toEqual(DEMO_FROZEN);
  });
});

describe('Fjordby Kommune', () => {
  const run = (seed: string) => generateProfileInMemory('fjordby', 8000, seed, ['csv', 'csv-cp1252', 'oioubl-zip', 'contracts']);

  it('is byte-identical for the same seed and differs for another', () => {
    const [a, b, c] = [run('same'), run('same'), run('other')];
    expect([...a.files.keys()].sort()).toEqual(['fakturaer-oioubl.zip', 'fakturalinjer-cp1252.csv', 'fakturalinjer.csv', 'kontrakter.csv', 'truth.csv']);
    for (const [name, bytes] of a.files) expect(sha256(bytes), name).toBe(sha256(b.files.get(name)!));
    expect(JSON.stringify(a.manifest)).toBe(JSON.stringify(b.manifest));
    for (const name of ['fakturalinjer.csv', 'truth.csv', 'kontrakter.csv']) expect(sha256(a.files.get(name)!), name).not.toBe(sha256(c.files.get(name)!));
    expect(a.manifest.profile).toBe('fjordby');
    expect(a.manifest.municipality.name).toBe('Fjordby Kommune');
    // truth.csv: every invoice line, and every OIOUBL line.
    expect(a.manifest.truth?.rows).toBe(8000 * 2);
  });

  it('has its own units, suppliers and texts, none of them Demo Kommune’s', () => {
    const demo = generateInMemory(3000, 'x', ['csv']).manifest;
    const fjordby = run('x').manifest;
    const demoUnits = new Set(demo.units.map((u) => u.name));
    expect(fjordby.units.length).toBeGreaterThanOrEqual(20);
    for (const u of fjordby.units) expect(demoUnits.has(u.name), u.name).toBe(false);
    const demoWorld = new Generation({ lines: 10, seed: 'x' }, () => undefined).world;
    const fjordbyWorld = new Generation({ lines: 10, seed: 'x', profile: 'fjordby' }, () => undefined).world;
    const demoNames = new Set(demoWorld.suppliers.all.map((s) => s.name));
    // Only the state's own bodies (Udbetaling Danmark, Skattestyrelsen) invoice both municipalities.
    const shared = fjordbyWorld.suppliers.all.filter((s) => demoNames.has(s.name)).map((s) => s.name);
    expect(shared.filter((n) => n !== 'Udbetaling Danmark' && n !== 'Skattestyrelsen')).toEqual([]);
    // Texts: no template of Fjordby's is one of Demo Kommune's, and none names a level-2 category id.
    const demoTemplates = new Set([...vocabulary().values()].flat().map((v) => v.template.source));
    const treeIds = defaultCategoryTree().categories.map((c) => c.id).filter((id) => id.includes('.'));
    const rows = Object.values(FJORDBY_VOCAB_ROWS).flatMap((v) => [...v.items, ...(v.generic ?? [])]);
    for (const [template] of rows) {
      expect(demoTemplates.has(template), template).toBe(false);
      for (const id of treeIds) expect(template.includes(id), template).toBe(false);
    }
    const used = profileFor('fjordby').categories.map((c) => c.id);
    expect(Object.keys(FJORDBY_VOCAB_ROWS).sort()).toEqual([...used].sort());
    expect(used.length).toBeGreaterThanOrEqual(60);
  });

  it('exports columns the import maps, and loads every row through the real import path', async () => {
    const { files, manifest } = run('import');
    const headers = [...FJORDBY_INVOICE_HEADER];
    const mapping = proposeMapping(headers);
    expect(mapping).toMatchObject({
      documentId: 'Fakturanr', documentDate: 'Dato', supplierCvr: 'Kreditor CVR', supplierName: 'Kreditornavn', unit: 'Afdeling',
      unitEan: 'EAN-lokation', account: 'Artskonto', description: 'Posteringstekst', amount: 'Beløb ekskl. moms',
    });
    expect(detectSourceRole(headers, mapping)).toBe('invoice');
    const db = await openNodeWasmDb();
    try {
      await ensureSchema(db);
      for (const name of ['fakturalinjer.csv', 'kontrakter.csv']) {
        const source = bytesSource(name, files.get(name)!);
        const plan = await planImport(source, {} as Parsers);
        expect(plan.role).toBe(name === 'kontrakter.csv' ? 'contracts' : 'invoice');
        const { summary } = await executeImport(db, source, plan);
        expect(summary.rowsLoaded + summary.rowsRejected, name).toBe(summary.rowsRead);
        expect(summary.rowsRejected, name).toBe(0);
        expect(summary.rowsRead, name).toBe(name === 'kontrakter.csv' ? manifest.register.rows.length : 8000);
      }
      const [spend] = await queryRows(db, 'SELECT sum(amount) AS total FROM spend_line');
      expect(Number(spend?.total)).toBeCloseTo(manifest.totals.spendDkk, 2);
    } finally {
      await db.close();
    }
  });

  it('is chosen on the command line and in the browser API', () => {
    expect(parseArgs(['--profile', 'fjordby', '--lines', '10', '--out', 'o'])).toMatchObject({ profile: 'fjordby', formats: ['csv', 'contracts'] });
    expect(parseArgs(['--lines', '10', '--out', 'o'])).toMatchObject({ profile: 'demo', formats: ['csv', 'ecommerce', 'contracts'] });
    expect(() => parseArgs(['--profile', 'fjordby', '--lines', '10', '--out', 'o', '--formats', 'csv,ecommerce'])).toThrow(/no ecommerce export/);
    expect(() => parseArgs(['--profile', 'nowhere', '--lines', '10', '--out', 'o'])).toThrow(/unknown profile/);
    const { files, manifest } = generateDemoFiles({ lines: 2000, seed: 'browser', profile: 'fjordby' });
    expect(files.map((f) => f.name)).toEqual(['fakturalinjer.csv', 'kontrakter.csv']);
    expect(manifest.planted.wellBought.length).toBe(3);
  });
});
