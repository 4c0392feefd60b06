import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
const H = 'Leverandør;Dato;Beløb;Tekst';
await db.registerFile('u.csv', new TextEncoder().encode(`${H}\r\nÆrø;05-01-2025;100,00;x\r\n`));
await db.registerFile('v.csv', new TextEncoder().encode(`${H}\r\nÆrø;05-01-2025;100,00;x\r\nB;1;2;3\r\n`));
const base = `delim=';', quote='', escape='', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR','d':'VARCHAR'}`;
for (const f of ['u.csv', 'v.csv']) for (const extra of [`, new_line='\\r\\n', parallel=true`, `, new_line='\\r\\n', parallel=false`, `, new_line='\\r\\n', strict_mode=true`, `, new_line='\\r\\n', null_padding=false`, `, new_line='\\r\\n', encoding='utf-8'`]) {
  try { console.log(f, extra, JSON.stringify(await queryRows(db, `SELECT count(*) n FROM read_csv('${f}', ${base} ${extra})`))); } catch (e) { console.log(extra, String(e).slice(0, 100)); }
}
process.exit(0);
