import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
let n = 0;
for (const [text, nl] of [['h;d\r\nÆrø;1\r\n', `new_line='\\r\\n',`], ['h;d\r\nÆrø;1\r\n', ''], ['h;d\r\nArø;1\r\n', `new_line='\\r\\n',`], ['h;d\r\nAro;1\r\n', `new_line='\\r\\n',`], ['h;d\r\nAro;1\r\nb;2\r\n', `new_line='\\r\\n',`]]) {
  n++;
  await db.registerFile(`f${n}.csv`, new TextEncoder().encode(text));
  const rows = await queryRows(db, `SELECT * FROM read_csv('f${n}.csv', delim=';', quote='', escape='', header=false, skip=1, auto_detect=false, ${nl} columns={'a':'VARCHAR','b':'VARCHAR'}, store_rejects=true, rejects_table='r${n}', rejects_scan='s${n}')`);
  console.log(JSON.stringify(text), nl, JSON.stringify(rows), JSON.stringify(await queryRows(db, `SELECT error_type FROM r${n}`)));
}
process.exit(0);
