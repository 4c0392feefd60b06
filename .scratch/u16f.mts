import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
const H = 'Leverandør;Dato;Beløb;Tekst';
await db.registerFile('u.csv', new TextEncoder().encode(`${H}\r\nÆrø;05-01-2025;100,00;x\r\n`));
const base = `delim=';', quote='', escape='', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR','d':'VARCHAR'}`;
for (const extra of ['', `, new_line='\\r\\n'`, ', strict_mode=true', ', null_padding=false', ", encoding='utf-8'", ', store_rejects=true', `, new_line='\\r\\n', strict_mode=true, null_padding=false, parallel=true, encoding='utf-8'`]) {
  try { console.log(extra, JSON.stringify(await queryRows(db, `SELECT count(*) n FROM read_csv('u.csv', ${base} ${extra})`))); } catch (e) { console.log(extra, String(e).slice(0, 100)); }
}
process.exit(0);
