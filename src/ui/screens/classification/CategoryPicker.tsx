import { useMemo } from 'react';
import { categoryOptions } from '../../../core/review/index.js';
import type { CategoryTree } from '../../../core/taxonomy/category-tree.js';
import { useApp, useT } from '../../app/app-context.js';

/** The tree the screen names categories with: the workspace's tree, as the engine uses it. */
export function useCategoryTree(): CategoryTree {
  return useApp().tree;
}

/** A category select: level-1 groups, each with the level-1 category itself and its children ("Kontor › Papir"). */
export function CategoryPicker({
  value, onChange, testId, label, disabled,
}: { value: string; onChange: (id: string) => void; testId: string; label: string; disabled?: boolean }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const groups = useMemo(() => {
    const out = new Map<string, { label: string; options: { id: string; label: string }[] }>();
    for (const o of categoryOptions(tree, lang)) {
      const g = out.get(o.groupId) ?? { label: o.groupLabel, options: [] };
      g.options.push({ id: o.id, label: o.level === 1 ? `${o.label} ${t('cls.wholeGroup')}` : o.label });
      out.set(o.groupId, g);
    }
    return [...out.entries()];
    // `t` is new each render; the language decides the labels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang, tree]);
  return (
    <label className="cls-picker">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} disabled={disabled}>
        <option value="">{t('cls.chooseCategory')}</option>
        {groups.map(([id, g]) => (
          <optgroup key={id} label={g.label}>
            {g.options.map((o) => (
              <option key={o.id} value={o.id}>{o.label}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
