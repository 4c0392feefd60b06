import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
const base = `delim=';', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR'}, store_rejects=true`;
let n = 0;
for (const nl of ['\n', '\r\n', '\r']) for (const extra of ['', `, new_line='${JSON.stringify(nl).slice(1, -1)}'`]) {
  const text = ['h;d', 'Ærø;1', '"a' + nl + 'b";2', 'x', '"q""r";3', 'z;4', ''].join(nl);
  n++;
  await db.registerFile(`f${n}.csv`, new TextEncoder().encode(text));
  try {
    const rows = await queryRows(db, `SELECT * FROM read_csv('f${n}.csv', ${base}, rejects_table='r${n}', rejects_scan='s${n}' ${extra})`);
    const rej = await queryRows(db, `SELECT line, error_type FROM r${n}`);
    console.log(JSON.stringify(nl), extra, JSON.stringify(rows), JSON.stringify(rej));
  } catch (e) { console.log(JSON.stringify(nl), extra, String(e).slice(0, 120)); }
}
process.exit(0);
