import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';

/**
 * Property-based: random tables written in any dialect the importer supports come back with the
 * same values, rows and øre totals; one random defect in a valid file costs exactly that row.
 * Runs are seeded (FC_SEED=<n> to try others; a failure prints its seed and shrunk example).
 */
const SEED = Number(process.env.FC_SEED ?? 11_2025);

interface Row {
  supplier: string;
  text: string;
  ore: number;
  date: { y: number; m: number; d: number };
}

interface Dialect {
  delimiter: ';' | ',' | '\t' | '|';
  quoteAll: boolean;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';
  decimal: ',' | '.';
  thousands: '' | '.' | ' ' | ',';
  date: 'dd-mm-yyyy' | 'dd.mm.yyyy' | 'yyyy-mm-dd' | 'd/m/yyyy';
  newline: '\n' | '\r\n' | '\r';
  titles: number;
  order: number[];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzæøåéABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ';
const word = fc.stringMatching(new RegExp(`^[${LETTERS}]{1,10}$`));
/** Text as exports write it: words, spaces, and now and then the delimiter or a quote. */
const text = (extra: string) =>
  fc
    .array(fc.oneof({ weight: 6, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom(...extra.split('')) }), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.join(' ').trim())
    .filter((s) => /[a-zæøåéA-ZÆØÅ]/.test(s));

const dialect: fc.Arbitrary<Dialect> = fc
  .record({
    delimiter: fc.constantFrom(';', ',', '\t', '|'),
    quoteAll: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
    decimal: fc.constantFrom(',', '.'),
    thousands: fc.constantFrom('', '.', ' ', ','),
    date: fc.constantFrom('dd-mm-yyyy', 'dd.mm.yyyy', 'yyyy-mm-dd', 'd/m/yyyy'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    titles: fc.integer({ min: 0, max: 2 }),
    order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
  })
  // A thousands mark is never the decimal mark.
  .filter((d) => d.thousands !== d.decimal) as fc.Arbitrary<Dialect>;

const rowsOf = (delimiter: string) =>
  fc.array(
    fc.record({
      supplier: text(`${delimiter}"&`),
      text: text(`${delimiter}"`),
      ore: fc.integer({ min: -100_000_000, max: 1_000_000_000 }),
      date: fc.record({ y: fc.integer({ min: 1990, max: 2035 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }),
    }),
    { minLength: 1, maxLength: 25 },
  );

const pad = (n: number) => String(n).padStart(2, '0');

function amountText(ore: number, d: Dialect): string {
  const abs = Math.abs(ore);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, d.thousands);
  return `${ore < 0 ? '-' : ''}${whole}${d.decimal}${pad(abs % 100)}`;
}

function dateText({ y, m, d }: Row['date'], f: Dialect['date']): string {
  if (f === 'dd-mm-yyyy') return `${pad(d)}-${pad(m)}-${y}`;
  if (f === 'dd.mm.yyyy') return `${pad(d)}.${pad(m)}.${y}`;
  if (f === 'yyyy-mm-dd') return `${y}-${pad(m)}-${pad(d)}`;
  return `${d}/${m}/${y}`;
}

const HEADERS = ['Leverandør', 'Fakturadato', 'Beløb', 'Tekst'];

function field(value: string, d: Dialect): string {
  const needs = d.quoteAll || value.includes(d.delimiter) || value.includes('"') || /[\r\n]/.test(value) || value !== value.trim();
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

function recordOf(r: Row, d: Dialect): string[] {
  const cells = [r.supplier, dateText(r.date, d.date), amountText(r.ore, d), r.text];
  return d.order.map((i) => cells[i]!);
}

/** The file's text; `damage` may change the written fields of the records (or add lines). */
function writeText(rows: Row[], d: Dialect, damage?: (records: string[][]) => string[][]): string {
  const header = d.order.map((i) => HEADERS[i]!).map((h) => field(h, d)).join(d.delimiter);
  const records = rows.map((r) => recordOf(r, d).map((c) => field(c, d)));
  const titles = Array.from({ length: d.titles }, (_, i) => `Fakturaudtræk ${['januar', 'februar'][i]}`);
  const body = (damage ? damage(records) : records).map((cells) => cells.join(d.delimiter));
  return [...titles, header, ...body].join(d.newline) + d.newline;
}

function encode(text: string, encoding: Dialect['encoding']): Uint8Array {
  if (encoding === 'windows-1252') return Uint8Array.from(text, (c) => c.charCodeAt(0));
  if (encoding === 'utf-16le') {
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) [out[2 + 2 * i], out[3 + 2 * i]] = [text.charCodeAt(i) & 255, text.charCodeAt(i) >> 8];
    return out;
  }
  return new TextEncoder().encode(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text);
}

const iso = ({ y, m, d }: Row['date']) => `${y}-${pad(m)}-${pad(d)}`;

describe('CSV import properties (fast-check)', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  async function load(bytes: Uint8Array) {
    await clearWorkspace(db);
    const source = bytesSource('random.csv', bytes);
    const plan = await planImport(source, {} as Parsers);
    const { summary } = await executeImport(db, source, plan);
    const lines = await queryRows(db, `SELECT "row", supplier_name, description, document_date, (amount * 100)::BIGINT AS ore FROM spend_line ORDER BY "row"`);
    const rejects = await queryRows(db, `SELECT "row", reason FROM import_reject ORDER BY "row"`);
    return { summary, lines, rejects };
  }

  it('random tables in any dialect import back to the same values, rows and øre totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        dialect.chain((d) => fc.tuple(fc.constant(d), rowsOf(d.delimiter))),
        async ([d, rows]) => {
          const { summary, lines, rejects } = await load(encode(writeText(rows, d), d.encoding));
          expect(rejects).toEqual([]);
          expect(summary.rowsRead).toBe(rows.length);
          expect(summary.rowsLoaded).toBe(rows.length);
          expect(lines.map((l) => [l.row, l.supplier_name, l.description, l.document_date, l.ore])).toEqual(
            rows.map((r, i) => [i + 1, r.supplier, r.text, iso(r.date), r.ore]),
          );
          expect(Math.round(summary.amountLoaded * 100)).toBe(rows.reduce((s, r) => s + r.ore, 0));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  type Defect = 'badByte' | 'strayQuote' | 'shortRow' | 'garbageLine';

  it('one defect in a valid file rejects exactly the damaged row, with its row number, and loads every other', async () => {
    const utf8Dialect = dialect.map((d) => ({ ...d, encoding: 'utf-8' as const, quoteAll: false, titles: 0 }));
    await fc.assert(
      fc.asyncProperty(
        utf8Dialect.chain((d) =>
          fc.tuple(fc.constant(d), rowsOf(d.delimiter).filter((r) => r.length >= 3), fc.constantFrom<Defect>('badByte', 'strayQuote', 'shortRow', 'garbageLine'), fc.nat()),
        ),
        async ([d, base, defect, pick]) => {
          // The file is evidently UTF-8 and quotes fields: one name has an ø, one text the delimiter.
          const k = 1 + (pick % (base.length - 1));
          // Known limit (see docs/import.md): a stray quote whose runaway meets another quoted field
          // further down can cost the rows in between, as DuckDB's positions after a quote error are
          // not reliable; here nothing after a stray quote needs quoting.
          const plain = (t: string) => t.replace(/["|;,\t&]/g, 'q');
          const rows = base.map((r, i) =>
            i === 0 ? { ...r, supplier: `${r.supplier} ø`, text: `${r.text}${d.delimiter}x` } : defect === 'strayQuote' && i >= k ? { ...r, supplier: plain(r.supplier), text: plain(r.text) } : r,
          );
          const damaged = defect === 'garbageLine' ? k + 2 : k + 1;
          const dateAt = d.order.indexOf(1);
          const text = writeText(rows, d, (records) => {
            const out = records.map((cells) => [...cells]);
            const cells = out[k]!;
            // The date field is never quoted (no delimiter or quote in it): a quote there opens and never closes.
            if (defect === 'strayQuote') cells[dateAt] = `"${cells[dateAt]}`;
            if (defect === 'shortRow') cells.pop();
            if (defect === 'garbageLine') out.splice(k + 1, 0, ['#### UDTRÆK AFBRUDT ####']);
            if (defect === 'badByte') cells[dateAt] = `\u0000${cells[dateAt]}`;
            return out;
          });
          let bytes = new TextEncoder().encode(text);
          if (defect === 'badByte') bytes = bytes.map((b) => (b === 0 ? 0xff : b));
          const { summary, lines, rejects } = await load(bytes);
          // A quote that never closes may be reported as the quote or as the wrong number of fields it causes.
          const reasons = { badByte: ['encoding_invalid'], strayQuote: ['quote_invalid', 'too_many_fields', 'too_few_fields'], shortRow: ['too_few_fields'], garbageLine: ['too_few_fields'] }[defect];
          expect(rejects.map((r) => r.row)).toEqual([damaged]);
          expect(reasons).toContain(rejects[0]!.reason);
          const kept = rows.map((r, i) => ({ r, row: defect === 'garbageLine' && i > k ? i + 2 : i + 1 })).filter((x) => x.row !== damaged || defect === 'garbageLine');
          expect(lines.map((l) => [l.row, l.supplier_name, l.ore])).toEqual(kept.map((x) => [x.row, x.r.supplier, x.r.ore]));
          expect(summary.rowsRead).toBe(kept.length + 1);
          expect(Math.round(summary.amountLoaded * 100)).toBe(kept.reduce((s, x) => s + x.r.ore, 0));
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });
});
