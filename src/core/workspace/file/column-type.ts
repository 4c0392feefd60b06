import { literal, quoteIdent } from '../../sql/escape.js';

/**
 * Column types and defaults as a workspace file states them. A file is data from outside, so its
 * type and default texts are parsed into a small tree and the SQL is written from that tree:
 * nothing from the file reaches SQL as it was written.
 */
export type ColumnType =
  | { kind: 'simple'; name: SimpleType }
  | { kind: 'decimal'; width: number; scale: number }
  | { kind: 'list'; item: ColumnType }
  | { kind: 'struct'; fields: { name: string; type: ColumnType }[] };

const SIMPLE = [
  'VARCHAR', 'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT',
  'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'TIME', 'BLOB',
] as const;
export type SimpleType = (typeof SIMPLE)[number];

class Reader {
  pos = 0;
  constructor(readonly text: string) {}
  skip(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }
  eat(token: string): boolean {
    this.skip();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
  word(): string | null {
    this.skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos));
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }
  integer(): number | null {
    this.skip();
    const m = /^\d{1,2}/.exec(this.text.slice(this.pos));
    if (!m) return null;
    this.pos += m[0].length;
    return Number(m[0]);
  }
  /** A struct field name: bare, or double-quoted with "" for a quote. */
  name(): string | null {
    this.skip();
    if (this.text[this.pos] !== '"') return this.word();
    let out = '';
    for (let i = this.pos + 1; i < this.text.length; i++) {
      if (this.text[i] !== '"') out += this.text[i];
      else if (this.text[i + 1] === '"') {
        out += '"';
        i++;
      } else {
        this.pos = i + 1;
        return out;
      }
    }
    return null;
  }
  done(): boolean {
    this.skip();
    return this.pos === this.text.length;
  }
}

function readType(r: Reader): ColumnType | null {
  const word = r.word()?.toUpperCase();
  if (!word) return null;
  let type: ColumnType | null = null;
  if (word === 'DECIMAL') {
    if (!r.eat('(')) return null;
    const width = r.integer();
    if (width === null || !r.eat(',')) return null;
    const scale = r.integer();
    if (scale === null || !r.eat(')') || width < 1 || width > 38 || scale > width) return null;
    type = { kind: 'decimal', width, scale };
  } else if (word === 'STRUCT') {
    if (!r.eat('(')) return null;
    const fields: { name: string; type: ColumnType }[] = [];
    do {
      const name = r.name();
      const fieldType = name === null ? null : readType(r);
      if (name === null || !fieldType) return null;
      fields.push({ name, type: fieldType });
    } while (r.eat(','));
    if (!r.eat(')')) return null;
    type = { kind: 'struct', fields };
  } else if ((SIMPLE as readonly string[]).includes(word)) {
    type = { kind: 'simple', name: word as SimpleType };
  }
  while (type && r.eat('[]')) type = { kind: 'list', item: type };
  return type;
}

/** Parses a DuckDB type as duckdb_columns() writes it; null for anything outside the supported set. */
export function parseColumnType(text: string): ColumnType | null {
  const r = new Reader(text);
  const type = readType(r);
  return type && r.done() ? type : null;
}

export function columnTypeSql(type: ColumnType): string {
  switch (type.kind) {
    case 'simple':
      return type.name;
    case 'decimal':
      return `DECIMAL(${type.width},${type.scale})`;
    case 'list':
      return `${columnTypeSql(type.item)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quoteIdent(f.name)} ${columnTypeSql(f.type)}`).join(', ')})`;
  }
}

/**
 * A column default: only constants (as DuckDB writes them back: `'DKK'`, `0`, `CAST('t' AS BOOLEAN)`)
 * and the current time. Returned as SQL built here, or null when the text is anything else.
 */
export function parseColumnDefault(text: string): string | null {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return t;
  if (/^(true|false|null)$/i.test(t)) return t.toUpperCase();
  if (/^(now\(\)|current_timestamp|current_date)$/i.test(t)) return t.toLowerCase();
  const str = /^'((?:[^']|'')*)'$/.exec(t);
  if (str) return literal(str[1]!.replaceAll("''", "'"));
  const cast = /^CAST\((.*) AS (.+)\)$/i.exec(t);
  if (cast) {
    const inner = parseColumnDefault(cast[1]!);
    const type = parseColumnType(cast[2]!);
    return inner !== null && type ? `CAST(${inner} AS ${columnTypeSql(type)})` : null;
  }
  return null;
}
