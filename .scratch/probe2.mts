import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
let n = 0;
async function t(name: string, text: string | Uint8Array, extra = '', cols = 3) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  n++;
  await db.registerFile(`f${n}.csv`, bytes);
  const columns = Array.from({ length: cols }, (_, i) => `'c${i}':'VARCHAR'`).join(',');
  const opts = `delim=';', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={${columns}}, store_rejects=true, rejects_table='rej${n}', rejects_scan='scan${n}' ${extra}`;
  try {
    const t0 = Date.now();
    await db.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('f${n}.csv', ${opts})`);
    const ms = Date.now() - t0;
    const rows = await queryRows(db, 'SELECT count(*) n FROM t');
    const some = await queryRows(db, 'SELECT * FROM t LIMIT 6');
    const rej = await queryRows(db, `SELECT line, byte_position bp, column_idx, error_type, left(csv_line, 80) csv_line, length(csv_line) len FROM rej${n} ORDER BY line`);
    console.log(`--- ${name} (${ms}ms) rows=${rows[0]!.n}`, JSON.stringify(some).slice(0, 400), '\n   rejects', JSON.stringify(rej).slice(0, 800));
  } catch (e) { console.log(`--- ${name} ERR`, String((e as Error).message).slice(0, 200)); }
}
await t('blank lines', 'h1;h2;h3\n1;2;3\n\n4;5;6\n;;\n7;8;9\n');
await t('crlf+lf mix', 'h1;h2;h3\r\n1;2;3\n4;5;6\r\n7;8;9\n');
await t('crlf+lf mix nl=\\n', 'h1;h2;h3\r\n1;2;3\n4;5;6\r\n7;8;9\n', `, new_line='\\n'`);
await t('cr+lf mix strict off', 'h1;h2;h3\r\n1;2;3\n4;5;6\r7;8;9\r\n', `, strict_mode=false`);
await t('span closes later', 'h1;h2;h3\n1;"abc;3\n4;5;6\n7;"x";9\n10;11;12\n13;14;15\n');
await t('span closes later then multiline', 'h1;h2;h3\n1;"abc;3\n4;5;6\n7;"x\ny";9\n10;11;12\n13;14;15\n');
await t('quote after text then quoted', 'h1;h2;h3\n1;ab"c;3\n4;"5;x";6\n');
await t('backslash escape', 'h1;h2;h3\n1;"a\\"b";3\n4;5;6\n');
await t('1e6', 'h1;h2;h3\n1;1e6;3\n');
console.log(await queryRows(db, `SELECT TRY_CAST('1e6' AS DECIMAL(18,2)) a, TRY_CAST('1E+06' AS DECIMAL(18,2)) b, TRY_CAST('-' AS DECIMAL(18,2)) c, try_strptime('01-01-0024', '%d-%m-%Y') d,  try_strptime('1-1-24', '%d-%m-%Y') e`));
// big file: bad line at 50,000 with parallel
const lines = ['h1;h2;h3']; for (let i = 1; i <= 200000; i++) lines.push(i === 50000 ? `${i};"bad;x` + '' : `${i};name ${i};${i},00`);
let big = new TextEncoder().encode(lines.join('\n') + '\n');
await t('200k short row at 50000', lines.map((l, i) => i === 50000 ? '50000;only' : l).join('\n') + '\n');
await t('200k unbalanced at 50000', big);
const withByte = new TextEncoder().encode(lines.map((l, i) => i === 50000 ? '50000;Hansen#s;1,00' : l).join('\n') + '\n');
withByte[withByte.indexOf(35)] = 0x92;
await t('200k bad byte at 50000', withByte);
const clean = new TextEncoder().encode(lines.map((l, i) => i === 50000 ? '50000;x;1,00' : l).join('\n') + '\n');
await t('200k clean', clean);
await t('200k clean no rejects', clean, ', store_rejects=false');
process.exit(0);
