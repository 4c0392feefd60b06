import { activeFilterCount, EMPTY_FILTERS, SOURCES, type Filters, type SourceKind } from '../../core/state/url-state.js';
import { useApp, useT } from './app-context.js';

/** The global filters; their state is the URL hash, so every view can be bookmarked. */
export function FilterBar({ units, categories }: { units: string[]; categories: { id: string; name: string }[] }) {
  const { view, setView } = useApp();
  const { t } = useT();
  const set = (patch: Partial<Filters>) => setView({ ...view, filters: { ...view.filters, ...patch } });
  const f = view.filters;
  return (
    <form className="filter-bar" aria-label={t('filters.label')} data-testid="filter-bar" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('filters.from')}
        <input type="date" value={f.from ?? ''} data-testid="filter-from" onChange={(e) => set({ from: e.target.value || null })} />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" value={f.to ?? ''} data-testid="filter-to" onChange={(e) => set({ to: e.target.value || null })} />
      </label>
      <label>
        {t('filters.unit')}
        <select value={f.unit ?? ''} data-testid="filter-unit" onChange={(e) => set({ unit: e.target.value || null })}>
          <option value="">{t('filters.all')}</option>
          {units.map((u) => (
            <option key={u} value={u}>{u}</option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.category')}
        <select value={f.category ?? ''} data-testid="filter-category" onChange={(e) => set({ category: e.target.value || null })}>
          <option value="">{t('filters.all')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.source')}
        <select
          value={f.source ?? ''}
          data-testid="filter-source"
          onChange={(e) => set({ source: (e.target.value || null) as SourceKind | null })}
        >
          <option value="">{t('filters.all')}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>{t(`source.${s}`)}</option>
          ))}
        </select>
      </label>
      {activeFilterCount(f) > 0 && (
        <button type="button" className="link-button" onClick={() => setView({ ...view, filters: EMPTY_FILTERS })}>
          {t('filters.clear')}
        </button>
      )}
    </form>
  );
}
