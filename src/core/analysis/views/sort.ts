/**
 * A closed list of sort ids for a paged table and the SQL each stands for: an id is its own column
 * unless renamed. A caller's sort id only ever selects from this list, so it never becomes SQL.
 */
export interface SortSet<T extends string> {
  ids: readonly T[];
  sql(id: T): string;
  is(value: string): value is T;
}

export function sortSet<T extends string>(ids: readonly T[], renamed: Partial<Record<T, string>> = {}): SortSet<T> {
  return {
    ids,
    sql: (id) => renamed[id] ?? id,
    is: (value): value is T => (ids as readonly string[]).includes(value),
  };
}
