/**
 * The one place where identifiers and values become SQL text.
 * Everything that builds SQL from data goes through here, so quoting bugs have one home.
 */

/** Quotes an identifier; inner double quotes are doubled, never trusted as "already quoted". */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export type SqlValue = string | number | bigint | boolean | Date | null | undefined;

/** Renders a JavaScript value as a DuckDB literal. */
export function literal(value: SqlValue): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'string':
      return `'${value.replaceAll("'", "''")}'`;
    case 'number':
      // NaN and Infinity have no SQL literal; NULL is the honest translation.
      return Number.isFinite(value) ? String(value) : 'NULL';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'NULL';
    const iso = value.toISOString();
    // A date without a time of day is written as a DATE so comparisons with DATE columns stay exact.
    return iso.endsWith('T00:00:00.000Z') ? `DATE '${iso.slice(0, 10)}'` : `TIMESTAMP '${iso.slice(0, 23).replace('T', ' ')}'`;
  }
  throw new TypeError(`Cannot render ${String(value)} as SQL`);
}

/** A fragment of SQL that is trusted as written (built by code, not from data). */
export class SqlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Marks code-built SQL as trusted for the `sql` tag. */
export function raw(text: string): SqlFragment {
  return new SqlFragment(text);
}

/** An identifier for the `sql` tag. */
export function ident(name: string): SqlFragment {
  return new SqlFragment(quoteIdent(name));
}

/** A comma-separated list of literals, e.g. for `IN (...)`. */
export function list(values: readonly SqlValue[]): SqlFragment {
  return new SqlFragment(values.length ? values.map(literal).join(', ') : 'NULL');
}

/**
 * Template tag: interpolated values become literals; fragments (raw, ident, list, nested sql)
 * are inserted as they are. A plain string is always a literal, never SQL text.
 */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | SqlFragment)[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += (v instanceof SqlFragment ? v.text : literal(v)) + (strings[i + 1] ?? '');
  });
  return out;
}
