import { readFileSync } from 'node:fs';
import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { scanData } from '../src/core/import/csv/text-io.js';
const bytes = new Uint8Array(readFileSync('/tmp/g1m/fakturalinjer.csv'));
const db = await openNodeWasmDb();
await db.registerFile('f.csv', bytes);
const header = new TextDecoder().decode(bytes.subarray(0, 2000)).split(/\r?\n/)[0]!.split(';');
const cols = header.map((h) => `'${h.replaceAll("'", "''")}': 'VARCHAR'`).join(', ');
const variants: Record<string, string> = {
  old: `delim=';', header=true, all_varchar=true, quote='"', escape='"', skip=0, null_padding=true, encoding='utf-8', auto_detect=true, parallel=true`,
  floor: `delim=';', header=true, all_varchar=true`,
  new: `delim=';', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={${cols}}, null_padding=false, parallel=true, encoding='utf-8', store_rejects=true, rejects_table='r1', rejects_scan='s1'`,
  newNoRejects: `delim=';', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={${cols}}, null_padding=false, parallel=true, encoding='utf-8'`,
};
for (let round = 0; round < 2; round++) for (const [name, opts] of Object.entries(variants)) {
  const t = performance.now();
  await db.exec(`CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM read_csv('f.csv', ${opts})`);
  console.log(name, Math.round(performance.now() - t), 'ms');
  await db.exec('DROP TABLE IF EXISTS r1; DROP TABLE IF EXISTS s1');
}
for (let i = 0; i < 3; i++) { const t = performance.now(); await scanData(bytes); console.log('scan', Math.round(performance.now() - t)); }
process.exit(0);
