/** A failed query, carrying the SQL that failed so a bug report can show it. */
export class QueryError extends Error {
  readonly sql: string;
  constructor(message: string, sql: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueryError';
    this.sql = sql;
  }
}

export function toQueryError(error: unknown, sql: string): QueryError {
  if (error instanceof QueryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new QueryError(message, sql, { cause: error });
}
