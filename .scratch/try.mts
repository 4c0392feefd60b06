import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
import { executeImport } from '../src/core/import/import-file.js';
import { planImport } from '../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../src/core/import/sources.js';
import { clearWorkspace } from '../src/core/workspace/schema.js';
const db = await openNodeWasmDb();
const enc = (s: string) => new TextEncoder().encode(s);
async function run(name: string, bytes: Uint8Array) {
  await clearWorkspace(db);
  try {
    const src = bytesSource(name, bytes);
    const plan = await planImport(src, {} as Parsers);
    const { summary } = await executeImport(db, src, plan);
    const rej = await queryRows(db, 'SELECT "row", reason, left(raw, 50) raw, detail FROM import_reject ORDER BY "row"');
    const lines = await queryRows(db, 'SELECT "row", supplier_name, amount FROM spend_line ORDER BY "row" LIMIT 8');
    console.log(`== ${name}: read ${summary.rowsRead} loaded ${summary.rowsLoaded} rejected ${summary.rowsRejected} amount ${summary.amountLoaded} enc ${plan.encoding} q=${JSON.stringify(plan.layout.quote)} notes=${JSON.stringify(plan.notes)}`);
    console.log('   rejects', JSON.stringify(rej).slice(0, 500));
    console.log('   lines', JSON.stringify(lines).slice(0, 400));
  } catch (e) { console.log(`== ${name}: ERROR`, (e as Error).name, (e as Error).message.slice(0, 300)); }
}
const H = 'Leverandør;Dato;Beløb;Tekst';
await run('basic', enc(`${H}\n A/S Ærø;05-01-2025;1.234,50;kuglepenne\nB;06-01-2025;10,00;x\n`));
await run('issue stray quote', enc(`${H}\n<img src=x onerror="alert(1)">;05-01-2025;100,00;x\nB;06-01-2025;10,00;y\n`));
await run('cr only', enc(`${H}\rA;05-01-2025;100,00;x\rB;06-01-2025;10,00;y\r`));
await run('mixed', enc(`${H}\r\nA;05-01-2025;100,00;x\nB;06-01-2025;10,00;y\rC;07-01-2025;1,00;z\r\n`));
await run('crlf+lf', enc(`${H}\r\nA;05-01-2025;100,00;x\nB;06-01-2025;10,00;y\r\nC;07-01-2025;1,00;z\r\n`));
await run('unbalanced', enc(`${H}\nA;05-01-2025;100,00;"x\nB;06-01-2025;10,00;"y"\nC;07-01-2025;1,00;z\nD;07-01-2025;2,00;"q;r"\n`));
await run('short+long+blank', enc(`${H}\nA;05-01-2025;100,00;x\n\nB;06-01-2025\nC;07-01-2025;1,00;z;extra\nD;07-01-2025;2,00;w\n\n`));
const b = enc(`${H}\nÆrø;05-01-2025;100,00;x\nHansen#s;06-01-2025;10,00;y\nC;07-01-2025;1,00;z\n`); b[b.indexOf(35)] = 0x92;
await run('bad byte', b);
const c = enc(`${H}\nAero;05-01-2025;100,00;x\nHansen#s;06-01-2025;10,00;y\nC;07-01-2025;1,00;z\n`); c[c.indexOf(35)] = 0x92;
await run('cp1252 single', c);
await run('utf16', new Uint8Array([0xff, 0xfe, ...Array.from(`${H}\r\nÆrø;05-01-2025;100,00;x\r\n`).flatMap((ch) => [ch.charCodeAt(0) & 255, ch.charCodeAt(0) >> 8])]));
await run('empty', new Uint8Array(0));
await run('header only', enc(`${H}\n`));
await run('dates amounts', enc(`${H}\nA;31-02-2024;100,00;x\nB;05-01-0024;10,00;y\nC;01-01-9999;1,00;z\nD;05-01-2025;-;z\nE;05-01-2025;(500);z\nF;05-01-2025;1e6;z\nG;05-01-2025;kr. 100;z\nH;05-01-2025;100-;z\n;;1.234,50;Subtotal\n`));
await run('dup headers', enc(`Leverandør;Beløb;Beløb;\nA;1,00;2,00;\n`));
process.exit(0);
