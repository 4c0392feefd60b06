import { DataType, type Field, type Table, type Vector } from 'apache-arrow';
import {
  dateValue, decimalValue, listValue, structValue, timestampValue, type DuckDBConnection, type DuckDBValue,
} from '@duckdb/node-api';
import { decimalWordsToBigInt } from '../../core/db/rows.js';
import { quoteIdent } from '../../core/sql/escape.js';

/**
 * Arrow → native DuckDB. Native DuckDB reads Arrow only through an extension we cannot fetch
 * offline, so rows go through the appender. Covers what the parsers hand over (text, numbers,
 * booleans) and what a workspace file holds (DECIMAL exact, DATE, TIMESTAMP, lists, structs).
 */
function duckType(type: DataType): string {
  if (DataType.isUtf8(type)) return 'VARCHAR';
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isInt(type)) {
    const name = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[type.bitWidth];
    return type.isSigned ? name! : `U${name!}`;
  }
  if (DataType.isFloat(type)) return type.precision === 2 ? 'DOUBLE' : 'FLOAT';
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision},${type.scale})`;
  if (DataType.isDate(type)) return 'DATE';
  if (DataType.isTimestamp(type)) return 'TIMESTAMP';
  if (DataType.isList(type)) return `${duckType(type.children[0]!.type as DataType)}[]`;
  if (DataType.isStruct(type)) {
    return `STRUCT(${type.children.map((f: Field) => `${quoteIdent(f.name)} ${duckType(f.type as DataType)}`).join(', ')})`;
  }
  throw new Error(`insertArrow: unsupported Arrow type ${String(type)}`);
}

type Convert = (value: unknown) => DuckDBValue;

/** Arrow-js values (as Vector.get returns them) → DuckDB values for the appender. */
function converter(type: DataType): Convert {
  if (DataType.isDecimal(type)) {
    const { precision, scale } = type;
    return (v) => (v == null ? null : decimalValue(decimalWordsToBigInt(v as Uint32Array), precision, scale));
  }
  // Arrow-js gives dates as epoch ms and microsecond timestamps as fractional ms (exact in a double for our dates).
  if (DataType.isDate(type)) return (v) => (v == null ? null : dateValue(Math.round(Number(v) / 86_400_000)));
  if (DataType.isTimestamp(type)) return (v) => (v == null ? null : timestampValue(BigInt(Math.round(Number(v) * 1000))));
  if (DataType.isInt(type) && type.bitWidth === 64) return (v) => (v == null ? null : BigInt(v as bigint));
  if (DataType.isList(type)) {
    const item = converter(type.children[0]!.type as DataType);
    return (v) => (v == null ? null : listValue(Array.from(v as Iterable<unknown>, item)));
  }
  if (DataType.isStruct(type)) {
    const fields = type.children.map((f: Field) => [f.name, converter(f.type as DataType)] as const);
    return (v) => {
      if (v == null) return null;
      const row = v as Record<string, unknown>;
      return structValue(Object.fromEntries(fields.map(([name, convert]) => [name, convert(row[name])])));
    };
  }
  return (v) => (v == null ? null : (v as DuckDBValue));
}

/** Creates `table` from `data` (or, with `append`, adds the rows to the existing table). */
export async function insertArrowNative(conn: DuckDBConnection, table: string, data: Table, append = false): Promise<void> {
  const fields = data.schema.fields;
  if (!append) {
    const columns = fields.map((f) => `${quoteIdent(f.name)} ${duckType(f.type as DataType)}`);
    await conn.run(`CREATE TABLE ${quoteIdent(table)} (${columns.join(', ')})`);
  }
  const appender = await conn.createAppender(table);
  // The table's own column types, so a JS number lands in an INTEGER column as an integer.
  const columns = fields.map((f, i) => ({ vector: data.getChildAt(i) as Vector, convert: converter(f.type as DataType), type: appender.columnType(i) }));
  for (let r = 0; r < data.numRows; r++) {
    for (const { vector, convert, type } of columns) appender.appendValue(convert(vector.get(r)), type);
    appender.endRow();
  }
  appender.closeSync();
}
