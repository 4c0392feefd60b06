import { DataType, type Field, type Table, type Vector } from 'apache-arrow';
import type { DbConnector, QueryOptions } from './connector.js';

/**
 * The boundary where Arrow becomes plain values. Above it no code sees Arrow's quirks:
 * DECIMAL arrives from Arrow unscaled (25.336,58 as 2533658) and DATE as epoch milliseconds.
 *
 * - DECIMAL  → number in currency units (exact sums stay in SQL; this is for display and tests)
 * - BIGINT   → number when it is a safe integer, else a decimal string
 * - DATE     → 'YYYY-MM-DD'
 * - TIMESTAMP→ ISO 'YYYY-MM-DDTHH:mm:ss.sssZ'
 * - LIST     → array, STRUCT → object (converted recursively)
 */
export type Cell = string | number | boolean | null | Cell[] | { [key: string]: Cell };
export type Row = Record<string, Cell>;

/** Signed 128-bit (or 64/256) little-endian words → bigint. */
export function decimalWordsToBigInt(words: Uint32Array): bigint {
  let value = 0n;
  for (let i = words.length - 1; i >= 0; i--) value = (value << 32n) | BigInt(words[i] ?? 0);
  const bits = BigInt(words.length * 32);
  // Two's complement: a set top bit means the number is negative.
  return value >> (bits - 1n) ? value - (1n << bits) : value;
}

/** Unscaled integer + scale → exact decimal string, e.g. (-2533658n, 2) → "-25336.58". */
export function scaledDecimalString(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

type Convert = (value: unknown) => Cell;

function converterFor(type: DataType): Convert {
  if (DataType.isDecimal(type)) {
    const scale = type.scale;
    return (v) => (v == null ? null : Number(scaledDecimalString(decimalWordsToBigInt(v as Uint32Array), scale)));
  }
  if (DataType.isInt(type) && type.bitWidth === 64) {
    return (v) => {
      if (v == null) return null;
      const big = BigInt(v as bigint);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
    };
  }
  if (DataType.isDate(type)) {
    return (v) => (v == null ? null : new Date(Number(v)).toISOString().slice(0, 10));
  }
  if (DataType.isTimestamp(type)) {
    return (v) => (v == null ? null : new Date(Number(v)).toISOString());
  }
  if (DataType.isList(type)) {
    const child = converterFor(type.children[0]!.type as DataType);
    return (v) => (v == null ? null : Array.from(v as Iterable<unknown>, child));
  }
  if (DataType.isStruct(type)) {
    const fields = type.children.map((f: Field) => [f.name, converterFor(f.type as DataType)] as const);
    return (v) => {
      if (v == null) return null;
      const source = v as Record<string, unknown>;
      return Object.fromEntries(fields.map(([name, convert]) => [name, convert(source[name])]));
    };
  }
  return (v) => (v == null ? null : typeof v === 'bigint' ? Number(v) : (v as Cell));
}

/** Converts one Arrow column to plain values. */
export function columnValues(vector: Vector, type: DataType): Cell[] {
  const convert = converterFor(type);
  const out = new Array<Cell>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = convert(vector.get(i));
  return out;
}

/** Converts an Arrow table to plain row objects. */
export function tableToRows(table: Table): Row[] {
  const columns = table.schema.fields.map((field, index) => ({
    name: field.name,
    values: columnValues(table.getChildAt(index)!, field.type as DataType),
  }));
  const rows: Row[] = new Array<Row>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (const column of columns) row[column.name] = column.values[r] ?? null;
    rows[r] = row;
  }
  return rows;
}

export async function queryRows(db: DbConnector, sql: string, options?: QueryOptions): Promise<Row[]> {
  return tableToRows(await db.query(sql, options));
}

/** The first column of the first row, or null. */
export async function queryValue(db: DbConnector, sql: string, options?: QueryOptions): Promise<Cell> {
  const rows = await queryRows(db, sql, options);
  const first = rows[0];
  return first ? (Object.values(first)[0] ?? null) : null;
}
