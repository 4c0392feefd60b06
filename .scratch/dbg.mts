import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
import { TEXT_CASES } from '../test/unit/import/corpus/text-cases.js';
import { planImport } from '../src/core/import/plan.js';
import { executeImport } from '../src/core/import/import-file.js';
import { bytesSource } from '../src/core/import/sources.js';
import { directParsers } from '../src/core/import/direct-parsers.js';
import { clearWorkspace } from '../src/core/workspace/schema.js';
const db = await openNodeWasmDb();
for (const c of TEXT_CASES.filter((c) => /udeladte|anfoerselstegn/.test(c.file))) {
  await clearWorkspace(db);
  const src = bytesSource(c.file, c.bytes());
  const plan = await planImport(src, directParsers);
  console.log(c.file, JSON.stringify(plan.layout), plan.headers);
  try { const o = await executeImport(db, src, plan); console.log(o.summary); } catch (e) { console.log('ERR', (e as Error).message.slice(0, 500)); }
  console.log(await queryRows(db, 'SELECT "row", reason, raw FROM import_reject'));
}
process.exit(0);
