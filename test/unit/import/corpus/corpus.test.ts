import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../../src/core/db/connector.js';
import { clearWorkspace } from '../../../../src/core/workspace/schema.js';
import { openNativeDb } from '../../../../src/cli/db/native-connector.js';
import { openNodeWasmDb } from '../../../../src/cli/db/wasm-node-connector.js';
import { BINARY_CASES, TRAVERSAL_ENTRY } from './binary-cases.js';
import { runCase } from './corpus-case.js';
import { TEXT_CASES } from './text-cases.js';

/**
 * The corpus of bad and odd inputs, each with its expected outcome, through the same core import
 * on DuckDB-WASM (as in the browser) and on native DuckDB (as in the command line).
 */
const CASES = [...TEXT_CASES, ...BINARY_CASES];

describe.each([
  { runtime: 'DuckDB-WASM in Node', open: openNodeWasmDb },
  { runtime: 'native DuckDB (the CLI)', open: () => openNativeDb() },
])('the corpus on $runtime', ({ open }) => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name ($file)', async (c) => {
    await clearWorkspace(db);
    await runCase(db, c);
  });

  it('wrote nothing under a ZIP entry name', () => {
    for (const base of [process.cwd(), path.resolve('.')]) expect(existsSync(path.resolve(base, TRAVERSAL_ENTRY))).toBe(false);
    expect(existsSync('/tmp/overblik-traversal')).toBe(false);
  });
});
