import { BINARY_CASES } from '../test/unit/import/corpus/binary-cases.js';
import { planImport } from '../src/core/import/plan.js';
import { bytesSource } from '../src/core/import/sources.js';
import { directParsers } from '../src/core/import/direct-parsers.js';
for (const c of BINARY_CASES.filter((c) => c.file.startsWith('uden'))) {
  try { const p = await planImport(bytesSource(c.file, c.bytes()), directParsers); console.log(c.file, p.parsed?.rowCount, p.warnings, JSON.stringify(p.sample).slice(0, 300)); } catch (e) { console.log(c.file, 'ERR', (e as Error).name, (e as Error).message); }
}
