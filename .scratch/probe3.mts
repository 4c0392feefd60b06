import { openNodeWasmDb } from '../src/cli/db/wasm-node-connector.js';
import { queryRows } from '../src/core/db/rows.js';
import { fixtureBytes } from '../test/support/fixtures.js';
const db = await openNodeWasmDb();
let n = 0;
async function t(name: string, text: string | Uint8Array, extra = '', cols = 3, quote = `'"'`) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  n++;
  await db.registerFile(`f${n}.csv`, bytes);
  const columns = Array.from({ length: cols }, (_, i) => `'c${i}':'VARCHAR'`).join(',');
  const opts = `delim=';', quote=${quote}, escape=${quote}, header=false, skip=1, auto_detect=false, columns={${columns}}, store_rejects=true, rejects_table='rej${n}', rejects_scan='scan${n}' ${extra}`;
  try {
    const t0 = Date.now();
    await db.exec(`CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('f${n}.csv', ${opts})`);
    const ms = Date.now() - t0;
    const rows = await queryRows(db, 'SELECT count(*) n FROM t');
    const some = await queryRows(db, 'SELECT * FROM t LIMIT 6');
    const rej = await queryRows(db, `SELECT line, line_byte_position lbp, byte_position bp, column_idx, error_type, left(csv_line, 80) csv_line, length(csv_line) len FROM rej${n} ORDER BY line`);
    console.log(`--- ${name} (${ms}ms) rows=${rows[0]!.n}`, JSON.stringify(some).slice(0, 300), '\n   rejects', JSON.stringify(rej).slice(0, 600));
  } catch (e) { console.log(`--- ${name} ERR`, String((e as Error).message).slice(0, 200)); }
}
await t('blank lines then short', 'h1;h2;h3\n1;2;3\n\n\n4;5;6\n7;8\n9;10;11\n');
await t('crlf records, lf in quotes', 'h1;h2;h3\r\n1;"a\nb";3\r\n4;5;6\r\n7;8\r\n');
await t('quote empty', 'h1;h2;h3\n1;"abc;3\n4;5;6\n', '', 3, `''`);
await t('quote empty w/ quoted', 'h1;h2;h3\n1;"a;b";3\n4;5;6\n', '', 3, `''`);
const sc = fixtureBytes('real/us_scottsdale_vendor_payments.csv');
let cr = 0, lf = 0, crlf = 0; for (let i = 0; i < sc.length; i++) { if (sc[i] === 13) { if (sc[i+1] === 10) { crlf++; i++; } else cr++; } else if (sc[i] === 10) lf++; }
console.log('scottsdale', { cr, lf, crlf });
const sh = fixtureBytes('real/uk_sheffield_spend_2017q1.csv');
cr = 0; lf = 0; crlf = 0; for (let i = 0; i < sh.length; i++) { if (sh[i] === 13) { if (sh[i+1] === 10) { crlf++; i++; } else cr++; } else if (sh[i] === 10) lf++; }
console.log('sheffield', { cr, lf, crlf });
process.exit(0);
