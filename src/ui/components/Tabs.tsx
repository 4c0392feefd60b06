/** A row of tabs (ARIA tablist) whose buttons carry `<prefix>-tab-<id>` as id and test id. */
export function Tabs<T extends string>({ ids, active, prefix, label, title, onSelect }: {
  ids: readonly T[];
  active: T;
  /** "cls" → ids and test ids `cls-tab-queue`, panel `cls-tabpanel`. */
  prefix: string;
  label: string;
  title: (id: T) => string;
  onSelect: (id: T) => void;
}) {
  return (
    <div className="cls-tabs" role="tablist" aria-label={label}>
      {ids.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`${prefix}-tab-${id}`}
          aria-selected={active === id}
          aria-controls={`${prefix}-tabpanel`}
          className={active === id ? 'active' : undefined}
          data-testid={`${prefix}-tab-${id}`}
          onClick={() => onSelect(id)}
        >
          {title(id)}
        </button>
      ))}
    </div>
  );
}
