import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
let n = 0;
for (const [name, b] of [
  ['cr short', new TextEncoder().encode('a|b|c\r1|2|3\rx|y\r4|5|6\r7|8|9\r')],
  ['cr badbyte', Uint8Array.from([...new TextEncoder().encode('a|b|c\r1|2|3\r'), 0xff, ...new TextEncoder().encode('x|y|z\r4|5|6\r7|8|9\r')])],
  ['lf badbyte', Uint8Array.from([...new TextEncoder().encode('a|b|c\n1|2|3\n'), 0xff, ...new TextEncoder().encode('x|y|z\n4|5|6\n7|8|9\n')])],
  ['crlf badbyte', Uint8Array.from([...new TextEncoder().encode('a|b|c\r\n1|2|3\r\n'), 0xff, ...new TextEncoder().encode('x|y|z\r\n4|5|6\r\n7|8|9\r\n')])],
] as const) {
  n++;
  await db.registerFile(`f${n}.csv`, b);
  const rows = await queryRows(db, `SELECT * FROM read_csv('f${n}.csv', delim='|', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR'}, store_rejects=true, rejects_table='r${n}', rejects_scan='s${n}')`);
  const rej = await queryRows(db, `SELECT line, error_type, csv_line FROM r${n}`);
  console.log(name, JSON.stringify(rows), JSON.stringify(rej));
}
process.exit(0);
