import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateToDirectory, parseArgs, parseCount } from '../../../src/cli/gen.js';
import { FORMATS } from '../../../src/core/gen/index.js';

const LINES = 20_000;
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'overblik-gen-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const read = (dir: string): Map<string, Buffer> => new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name))]));

describe('determinism', () => {
  it('writes byte-identical files for the same seed and options, in every format', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const options = { lines: LINES, seed: 'same', formats: [...FORMATS], spend: 1e9, truth: true };
    await generateToDirectory({ ...options, out: a });
    await generateToDirectory({ ...options, out: b });
    await generateToDirectory({ ...options, seed: 'other', out: c });
    const [filesA, filesB, filesC] = [read(a), read(b), read(c)];
    expect([...filesA.keys()]).toEqual([
      'ehandel.csv', 'fakturaer-oioubl.zip', 'fakturalinjer-cp1252.csv', 'fakturalinjer-punktum.csv', 'fakturalinjer.csv',
      'fakturalinjer.xlsx', 'kontrakter.csv', 'manifest.json', 'truth.csv',
    ]);
    expect([...filesB.keys()]).toEqual([...filesA.keys()]);
    for (const [name, bytes] of filesA) {
      expect(bytes.length, name).toBeGreaterThan(0);
      expect(Buffer.compare(bytes, filesB.get(name)!), `${name} differs between two runs with the same seed`).toBe(0);
    }
    for (const name of ['fakturalinjer.csv', 'ehandel.csv', 'fakturalinjer.xlsx', 'fakturaer-oioubl.zip', 'truth.csv', 'manifest.json']) {
      expect(Buffer.compare(filesA.get(name)!, filesC.get(name)!), `${name} should change with the seed`).not.toBe(0);
    }
  });

  it('parses the command line', () => {
    expect(parseCount('1000000')).toBe(1_000_000);
    expect(parseCount('1e6')).toBe(1_000_000);
    expect(parseCount('250k')).toBe(250_000);
    expect(parseCount('5M')).toBe(5_000_000);
    expect(parseCount('1_000')).toBe(1000);
    const o = parseArgs(['--lines', '20k', '--seed', 'x', '--out', '/tmp/x', '--formats', 'csv,xlsx']);
    expect(o).toMatchObject({ lines: 20_000, seed: 'x', out: '/tmp/x', formats: ['csv', 'xlsx'], truth: true });
    expect(parseArgs(['--lines', '10', '--out', 'o']).formats).toEqual(['csv', 'ecommerce', 'contracts']);
    expect(() => parseArgs(['--lines', '10', '--out', 'o', '--formats', 'pdf'])).toThrow(/unknown format/);
    expect(() => parseArgs(['--out', 'o'])).toThrow(/--lines/);
    expect(() => parseArgs(['--lines', '2000000', '--out', 'o', '--formats', 'xlsx'])).not.toThrow();
  });

  it('refuses more rows than an xlsx sheet holds, with a clear reason', async () => {
    await expect(generateToDirectory({ lines: 1_048_576, seed: '1', out: tempDir(), formats: ['xlsx'], spend: 1e9, truth: false })).rejects.toThrow(
      /xlsx holds at most 1048575 data rows/,
    );
  });
});
