import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
const H = 'Leverandør;Dato;Beløb;Tekst';
for (const t of [`${H}\r\nÆrø;05-01-2025;100,00;x\r\n`, `${H}\r\nÆrø;05-01-2025;100,00;x\r\nB;1;2;3\r\n`, `${H}\nÆrø;05-01-2025;100,00;x\n`]) {
await db.registerFile('u.csv', new TextEncoder().encode(t));
console.log(JSON.stringify(await queryRows(db, `SELECT * FROM read_csv('u.csv', delim=';', quote='', escape='', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR','d':'VARCHAR'}, parallel=true)`)));
console.log(JSON.stringify(await queryRows(db, `SELECT * FROM read_csv('u.csv', delim=';', quote='', escape='', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR','d':'VARCHAR'}, parallel=false)`)));
}
process.exit(0);
