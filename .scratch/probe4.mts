import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
let n = 0;
async function t(name: string, text: string, extra = '') {
  const bytes = new TextEncoder().encode(text);
  n++;
  await db.registerFile(`f${n}.csv`, bytes);
  const opts = `delim=';', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR'}, store_rejects=true, rejects_table='rej${n}', rejects_scan='scan${n}' ${extra}`;
  try {
    await db.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('f${n}.csv', ${opts})`);
    const rows = await queryRows(db, 'SELECT count(*) n FROM t');
    const rej = await queryRows(db, `SELECT line, line_byte_position lbp, byte_position bp, column_idx, error_type, length(csv_line) len, left(error_message, 100) m FROM rej${n} ORDER BY line`);
    console.log(`--- ${name} rows=${rows[0]!.n}`, JSON.stringify(rej));
    for (const r of rej) console.log('   at lbp:', JSON.stringify(text.slice(Number(r.lbp), Number(r.lbp) + 12)), 'at lbp-1:', JSON.stringify(text.slice(Number(r.lbp) - 1, Number(r.lbp) + 11)));
  } catch (e) { console.log(`--- ${name} ERR`, String((e as Error).message).slice(0, 200)); }
}
await t('pos', 'h1;h2;h3\n1;2;3\nab;"cd;3\n4;5;6\n');
await t('pos2', 'h1;h2;h3\r\n1;2;3\r\nxy;cd\r\n4;5;6\r\n');
await t('pos bom', '\uFEFFh1;h2;h3\n1;2;3\nxy;cd\n4;5;6\n');
await t('3MB line', 'h1;h2;h3\n1;' + 'x'.repeat(3_000_000) + ';3\n4;5;6\n');
await t('1MB line', 'h1;h2;h3\n1;' + 'x'.repeat(1_048_576) + ';3\n4;5;6\n');
await t('3MB line maxls', 'h1;h2;h3\n1;' + 'x'.repeat(3_000_000) + ';3\n4;5;6\n', ', max_line_size=20000000');
await t('cr only nl', 'h1;h2;h3\r1;2;3\rxy\r4;5;6\r', `, new_line='\\r'`);
await t('crlf nl', 'h1;h2;h3\r\n1;2;3\r\nxy\r\n4;5;6\r\n', `, new_line='\\r\\n'`);
await t('lf nl', 'h1;h2;h3\n1;2;3\nxy\n4;5;6\n', `, new_line='\\n'`);
await t('parallel false', 'h1;h2;h3\n1;2;3\nxy\n4;5;6\n', `, parallel=false`);
await t('null padding', 'h1;h2;h3\n1;2\nxy\n4;5;6;7\n', `, null_padding=true`);
process.exit(0);
