import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Real files the tests read (public spend files, OIOUBL examples, the CPV list), kept gzipped in
 * test/fixtures/ with their origin and licence in test/fixtures/SOURCES.md, so a fresh clone's
 * `npm test` needs nothing outside the repository.
 */
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const UNPACKED = path.resolve(import.meta.dirname, '../../.cache/fixtures');

/** The bytes of a fixture, e.g. `fixtureBytes('real/uk_sheffield_spend_2017q1.csv')`. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(gunzipSync(readFileSync(path.join(FIXTURES, `${name}.gz`))));
}

export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixtureBytes(name));
}

/**
 * A fixture as a plain file on disk (unpacked once into .cache/fixtures), for what needs a path:
 * the command line and a browser's file input. Same file name as the original.
 */
export function fixtureFile(name: string): string {
  const out = path.join(UNPACKED, name);
  if (!existsSync(out)) {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, fixtureBytes(name));
  }
  return out;
}

/** The fixture names in a folder (without `.gz`), sorted, e.g. `fixtureNames('oioubl')`. */
export function fixtureNames(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir))
    .filter((n) => n.endsWith('.gz'))
    .map((n) => `${dir}/${n.slice(0, -3)}`)
    .sort();
}
