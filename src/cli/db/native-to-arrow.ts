import {
  Bool, DataType, DateDay, Decimal, Field, Float32, Float64, Int16, Int32, Int64, Int8, List, Struct,
  Table, TimestampMicrosecond, Uint16, Uint32, Uint64, Uint8, Utf8, makeBuilder, makeData, makeVector,
  type Vector,
} from 'apache-arrow';
import {
  DuckDBDateValue, DuckDBDecimalValue, DuckDBListValue, DuckDBStructValue, DuckDBTimestampValue, DuckDBTypeId,
  type DuckDBResultReader, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';

/**
 * Native DuckDB results → Arrow with the same types DuckDB-WASM produces, so code above the
 * connector cannot tell the runtimes apart (checked by the connector parity test).
 */
export function arrowType(type: DuckDBType): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return new Bool();
    case DuckDBTypeId.TINYINT: return new Int8();
    case DuckDBTypeId.SMALLINT: return new Int16();
    case DuckDBTypeId.INTEGER: return new Int32();
    case DuckDBTypeId.BIGINT: return new Int64();
    case DuckDBTypeId.UTINYINT: return new Uint8();
    case DuckDBTypeId.USMALLINT: return new Uint16();
    case DuckDBTypeId.UINTEGER: return new Uint32();
    case DuckDBTypeId.UBIGINT: return new Uint64();
    case DuckDBTypeId.FLOAT: return new Float32();
    case DuckDBTypeId.DOUBLE: return new Float64();
    case DuckDBTypeId.DATE: return new DateDay();
    case DuckDBTypeId.TIMESTAMP: return new TimestampMicrosecond();
    // DuckDB-WASM exports HUGEINT as DECIMAL(38,0); do the same.
    case DuckDBTypeId.HUGEINT: return new Decimal(0, 38, 128);
    case DuckDBTypeId.DECIMAL: return new Decimal(type.scale, type.width, 128);
    case DuckDBTypeId.LIST: return new List(new Field('l', arrowType(type.valueType), true));
    case DuckDBTypeId.STRUCT:
      return new Struct(type.entryNames.map((name, i) => new Field(name, arrowType(type.entryTypes[i]!), true)));
    default: return new Utf8();
  }
}

function validity(values: readonly DuckDBValue[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

/** A signed 128-bit integer as four little-endian 32-bit words (Arrow's decimal layout). */
function decimalWords(value: bigint): Uint32Array {
  const x = BigInt.asUintN(128, value);
  return Uint32Array.from({ length: 4 }, (_, w) => Number((x >> BigInt(32 * w)) & 0xffffffffn));
}

function decimalVector(type: Decimal, values: readonly DuckDBValue[]): Vector {
  const words = new Uint32Array(values.length * 4);
  values.forEach((v, i) => {
    if (v === null) return;
    let x = v instanceof DuckDBDecimalValue ? v.value : BigInt(v as bigint);
    x = BigInt.asUintN(128, x);
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((x >> BigInt(32 * w)) & 0xffffffffn);
  });
  return makeVector(makeData({ type, length: values.length, ...validity(values), data: words }));
}

/** DuckDB values → plain JS for Arrow builders (used for nested and simple types). */
function plain(value: DuckDBValue): unknown {
  if (value === null) return null;
  if (value instanceof DuckDBDecimalValue) return decimalWords(value.value);
  if (value instanceof DuckDBDateValue) return value.days * 86_400_000;
  if (value instanceof DuckDBTimestampValue) return Number(value.micros / 1000n);
  if (value instanceof DuckDBListValue) return value.items.map(plain);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, plain(v)]));
  }
  if (typeof value === 'object') return String(value);
  return value;
}

function columnVector(type: DataType, values: readonly DuckDBValue[]): Vector {
  if (DataType.isDecimal(type)) return decimalVector(type, values);
  if (DataType.isDate(type)) {
    const days = Int32Array.from(values, (v) => (v instanceof DuckDBDateValue ? v.days : 0));
    return makeVector(makeData({ type: type as DateDay, length: values.length, ...validity(values), data: days }));
  }
  if (DataType.isTimestamp(type)) {
    const micros = BigInt64Array.from(values, (v) => (v instanceof DuckDBTimestampValue ? v.micros : 0n));
    return makeVector(makeData({ type: type as TimestampMicrosecond, length: values.length, ...validity(values), data: micros }));
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (const v of values) builder.append(plain(v));
  return builder.finish().toVector();
}

export function resultToArrow(result: DuckDBResultReader): Table {
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const columns = result.getColumns();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    vectors[name] = columnVector(arrowType(types[i]!), columns[i] ?? []);
  });
  return new Table(vectors);
}
