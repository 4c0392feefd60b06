/** A column header that asks for sorting in SQL: the current column shows its direction. */
export function SortHeader<S extends string>({
  id,
  label,
  sort,
  desc,
  onSort,
  title,
  firstDesc = false,
}: {
  id: S;
  label: string;
  sort: S;
  desc: boolean;
  onSort: (id: S, desc: boolean) => void;
  title: string;
  /** The first click sorts largest first (amounts and counts). */
  firstDesc?: boolean;
}) {
  const active = sort === id;
  return (
    <button
      type="button"
      className={`sort-header${active ? ' active' : ''}`}
      aria-pressed={active}
      title={title}
      data-testid={`sort-${id}`}
      onClick={() => onSort(id, active ? !desc : firstDesc)}
    >
      {label}
      <span className="sort-mark" aria-hidden="true">{active ? (desc ? '▼' : '▲') : '↕'}</span>
    </button>
  );
}
