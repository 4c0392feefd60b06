import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
const db = await openNodeWasmDb();
console.log(await queryRows(db, 'SELECT version() v'));
async function t(name: string, text: string | Uint8Array, opts: string) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  await db.registerFile('f.csv', bytes);
  try {
    await db.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('f.csv', ${opts})`);
    const rows = await queryRows(db, 'SELECT * FROM t');
    let rej: unknown[] = [];
    try { rej = await queryRows(db, 'SELECT line, line_byte_position lbp, byte_position bp, column_idx, column_name, error_type, csv_line, error_message FROM reject_errors'); } catch (e) { rej = [String(e).slice(0,100)]; }
    console.log(name, JSON.stringify(rows), JSON.stringify(rej));
  } catch (e) { console.log(name, 'ERR', String((e as Error).message).slice(0, 300)); }
}
const base = `delim=';', quote='"', escape='"', header=false, skip=1, auto_detect=false, columns={'a':'VARCHAR','b':'VARCHAR','c':'VARCHAR'}, store_rejects=true`;
const f = process.argv[2] ?? 'all';
await t('clean', 'h1;h2;h3\n1;2;3\n4;5;6\n', base);
await t('stray-quote-mid', 'h1;h2;h3\n1;<img src=x onerror="alert(1)">;3\n4;5;6\n', base);
await t('stray-quote-mid-nostrict', 'h1;h2;h3\n1;<img src=x onerror="alert(1)">;3\n4;5;6\n', base + ', strict_mode=false');
await t('unbalanced-start', 'h1;h2;h3\n1;"abc;3\n4;5;6\n7;8;9\n', base);
await t('unbalanced-start-nostrict', 'h1;h2;h3\n1;"abc;3\n4;5;6\n7;8;9\n', base + ', strict_mode=false');
await t('cr-only', 'h1;h2;h3\r1;2;3\r4;5;6\r', base);
await t('cr-only-newline', 'h1;h2;h3\r1;2;3\r4;5;6\r', base + `, new_line='\\r'`);
await t('mixed', 'h1;h2;h3\r\n1;2;3\n4;5;6\r7;8;9\r\n', base);
await t('ragged-short', 'h1;h2;h3\n1;2\n4;5;6\n', base);
await t('ragged-long', 'h1;h2;h3\n1;2;3;4\n4;5;6\n', base);
await t('ragged-long-nostrict', 'h1;h2;h3\n1;2;3;4\n4;5;6\n', base+ ', strict_mode=false');
await t('badutf8', new Uint8Array([...new TextEncoder().encode('h1;h2;h3\n1;ab'), 0x92, ...new TextEncoder().encode('c;3\n4;5;6\n')]), base);
await t('multiline-quoted then reject', 'h1;h2;h3\n1;"a\nb";3\n4;5\n7;8;9\n', base);
await t('quoted-then-text', 'h1;h2;h3\n1;"ab"cd;3\n4;5;6\n', base);
await t('quoted-then-text-ns', 'h1;h2;h3\n1;"ab"cd;3\n4;5;6\n', base + ', strict_mode=false');
process.exit(0);
