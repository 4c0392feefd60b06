import type { SchemaElement } from 'hyparquet';
import { canonicalNumber, dateFromEpochDays, dateTimeFromEpochSeconds, timeOfDay } from '../xlsx/canonical.js';

/**
 * Renders Parquet values as the canonical text of ParsedTable. hyparquet turns DECIMAL into a
 * float (12345 × 0.01 = 123.45000000000002, and beyond 2^53 digits are lost), so the reader
 * strips the decimal annotation and we render the unscaled integer exactly here.
 */
export type ColumnKind =
  | { kind: 'decimal'; scale: number; exact: boolean }
  | { kind: 'date' }
  | { kind: 'timestamp'; perSecond: bigint }
  | { kind: 'time'; perSecond: bigint }
  | { kind: 'float' }
  | { kind: 'double' }
  | { kind: 'other' };

export function columnKind(element: SchemaElement): ColumnKind {
  const { type, converted_type: ctype, logical_type: ltype } = element;
  if (ctype === 'DECIMAL' || ltype?.type === 'DECIMAL') {
    const scale = (ltype?.type === 'DECIMAL' ? ltype.scale : undefined) ?? element.scale ?? 0;
    return { kind: 'decimal', scale, exact: type === 'INT32' || type === 'INT64' || type === 'FIXED_LEN_BYTE_ARRAY' };
  }
  if (ctype === 'DATE' || ltype?.type === 'DATE') return { kind: 'date' };
  if (ltype?.type === 'TIMESTAMP') return { kind: 'timestamp', perSecond: perSecond(ltype.unit) };
  if (ctype === 'TIMESTAMP_MILLIS') return { kind: 'timestamp', perSecond: 1000n };
  if (ctype === 'TIMESTAMP_MICROS') return { kind: 'timestamp', perSecond: 1_000_000n };
  if (type === 'INT96') return { kind: 'timestamp', perSecond: 1_000_000_000n };
  if (ltype?.type === 'TIME') return { kind: 'time', perSecond: perSecond(ltype.unit) };
  if (ctype === 'TIME_MILLIS') return { kind: 'time', perSecond: 1000n };
  if (ctype === 'TIME_MICROS') return { kind: 'time', perSecond: 1_000_000n };
  if (type === 'FLOAT') return { kind: 'float' };
  if (type === 'DOUBLE') return { kind: 'double' };
  return { kind: 'other' };
}

function perSecond(unit: string): bigint {
  return unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1_000_000n : 1_000_000_000n;
}

/** Timestamp parsers for hyparquet, so INT96 and annotated timestamps arrive as our text. */
export const timestampParsers = {
  timestampFromMilliseconds: (v: bigint) => epochText(BigInt(v), 1000n),
  timestampFromMicroseconds: (v: bigint) => epochText(BigInt(v), 1_000_000n),
  timestampFromNanoseconds: (v: bigint) => epochText(BigInt(v), 1_000_000_000n),
  dateFromDays: (days: number) => dateFromEpochDays(days),
};

/** Whole seconds (floored, also before 1970) since the epoch as 'YYYY-MM-DD HH:MM:SS'. */
function epochText(units: bigint, per: bigint): string | null {
  let seconds = units / per;
  if (units % per !== 0n && units < 0n) seconds -= 1n;
  return dateTimeFromEpochSeconds(Number(seconds));
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  // Two's complement, big-endian.
  return bytes.length > 0 && (bytes[0] ?? 0) >= 0x80 ? value - (1n << BigInt(bytes.length * 8)) : value;
}

export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** Shortest decimal that is the same float32, so 1.1f reads "1.1" and not 1.100000023841858. */
function float32Text(x: number): string | null {
  if (!Number.isFinite(x)) return null;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(x.toPrecision(p));
    if (Math.fround(candidate) === x) return canonicalNumber(candidate);
  }
  return canonicalNumber(x);
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function renderValue(value: unknown, kind: ColumnKind): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  switch (kind.kind) {
    case 'decimal':
      if (typeof value === 'bigint') return decimalText(value, kind.scale);
      if (value instanceof Uint8Array) return decimalText(bytesToBigInt(value), kind.scale);
      if (typeof value === 'number') {
        // An exact column arrives unscaled; a BYTE_ARRAY decimal arrives as hyparquet's float.
        return kind.exact ? decimalText(BigInt(value), kind.scale) : value.toFixed(kind.scale);
      }
      break;
    case 'date':
      if (typeof value === 'number') return dateFromEpochDays(value);
      if (value instanceof Date) return dateFromEpochDays(Math.floor(value.getTime() / 86_400_000));
      break;
    case 'timestamp':
      if (typeof value === 'bigint' || typeof value === 'number') return epochText(BigInt(value), kind.perSecond);
      break;
    case 'time':
      if (typeof value === 'bigint' || typeof value === 'number') return timeOfDay(Number(BigInt(value) / kind.perSecond));
      break;
    case 'float':
      if (typeof value === 'number') return float32Text(value);
      break;
    default:
      break;
  }
  if (typeof value === 'number') return canonicalNumber(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return dateTimeFromEpochSeconds(Math.floor(value.getTime() / 1000));
  if (value instanceof Uint8Array) return hex(value);
  return jsonText(value);
}
