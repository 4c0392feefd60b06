import { Fragment, useState } from 'react';
import { formatKr, formatNumber } from '../../../core/format/format.js';
import { defaultCategoryTree, SOURCINGS, sourcingOf, type Category, type CategoryTree, type Regime, type Sourcing } from '../../../core/taxonomy/category-tree.js';
import { addCategory, moveCategory, renameCategory, setProcurement, TreeEditError, type CategoryName } from '../../../core/taxonomy/tree-edits.js';
import { categoryTreeOverview, editWorkspaceTree, resetWorkspaceTree, type TreeRow } from '../../../core/workspace/tree-store.js';
import { useApp, useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import type { MessageKey } from '../../i18n/messages.js';

const REGIMES: readonly Regime[] = ['standard', 'light', 'works'];
const DEFAULT_IDS = new Set(defaultCategoryTree().categories.map((c) => c.id));

/** What the inline form edits: a rename of a category, or a new category (parent null: level 1). */
type Form = { kind: 'rename'; id: string; name: CategoryName } | { kind: 'add'; parent: string | null; name: CategoryName };

function NameForm({ form, title, busy, onChange, onSave, onCancel }: {
  form: Form; title: string; busy: boolean; onChange: (name: CategoryName) => void; onSave: () => void; onCancel: () => void;
}) {
  const { t } = useT();
  return (
    <form
      className="cls-editor tree-form"
      data-testid="tree-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h3>{title}</h3>
      <div className="cls-editor-grid">
        <label className="cls-picker">
          <span>{t('tree.nameDa')}</span>
          <input value={form.name.da} onChange={(e) => onChange({ ...form.name, da: e.target.value })} data-testid="tree-name-da" autoFocus />
        </label>
        <label className="cls-picker">
          <span>{t('tree.nameEn')}</span>
          <input value={form.name.en} onChange={(e) => onChange({ ...form.name, en: e.target.value })} data-testid="tree-name-en" />
        </label>
        <button type="submit" className="button small primary" disabled={busy} data-testid="tree-save">{t('tree.save')}</button>
        <button type="button" className="button small" onClick={onCancel} data-testid="tree-cancel">{t('tree.cancel')}</button>
      </div>
    </form>
  );
}

/**
 * Kategoritræ: the workspace's tree with lines and spend per category; rename (both languages),
 * add a main or a subcategory, move a subcategory under another main category, reset. Every edit
 * is saved at once; classifications point at ids, so nothing is re-classified.
 */
export function CategoryTreeEditor() {
  const { t, lang } = useT();
  const { db, tree, treeSaved } = useApp();
  const overview = useQuery('tree-overview', (d, signal) => categoryTreeOverview(d, tree, signal));
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; problems: string[] } | null>(null);
  if (overview.error) throw overview.error;

  const name = (c: Category) => c.name[lang];
  const other = lang === 'da' ? 'en' : 'da';
  const tops = tree.categories.filter((c) => c.level === 1);

  /** Runs one edit: saves the new tree, hands it to every screen, reports in the UI language. */
  const save = async (task: (current: CategoryTree) => Promise<{ tree: CategoryTree; done: string }>) => {
    if (!db || busy) return;
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const { tree: next, done } = await task(tree);
      treeSaved(next);
      setMessage(done);
      setForm(null);
    } catch (e) {
      if (e instanceof TreeEditError) {
        const key = `tree.err.${e.code}` as MessageKey;
        setError({ text: `${t('tree.failed')} ${t(key, e.params)}`, problems: e.problems });
      } else setError({ text: `${t('tree.failed')} ${e instanceof Error ? e.message : String(e)}`, problems: [] });
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (!form || !db) return;
    if (form.kind === 'rename') {
      const old = tree.categories.find((c) => c.id === form.id);
      void save(async () => {
        const next = await editWorkspaceTree(db, (cur) => renameCategory(cur, form.id, form.name));
        const renamed = next.categories.find((c) => c.id === form.id)!;
        return { tree: next, done: t('tree.renamed', { old: old ? name(old) : form.id, name: name(renamed) }) };
      });
    } else {
      void save(async () => {
        let id = '';
        const next = await editWorkspaceTree(db, (cur) => {
          const r = addCategory(cur, { parent: form.parent, name: form.name });
          id = r.id;
          return r.tree;
        });
        return { tree: next, done: t('tree.addedOne', { name: name(next.categories.find((c) => c.id === id)!) }) };
      });
    }
  };

  const move = (row: TreeRow, to: string) => {
    const from = tops.find((c) => c.id === row.category.parent);
    const target = tops.find((c) => c.id === to);
    if (!db || !target) return;
    const question = t('tree.confirmMove', {
      name: name(row.category),
      from: from ? name(from) : '–',
      to: name(target),
      lines: formatNumber(row.lines, lang),
      spend: formatKr(row.spend, lang, 0),
    });
    if (!window.confirm(question)) return;
    void save(async () => {
      const next = await editWorkspaceTree(db, (cur) => moveCategory(cur, row.category.id, to));
      return { tree: next, done: t('tree.moved', { name: name(row.category), to: name(target) }) };
    });
  };

  const procure = (c: Category, change: { regime?: Regime; sourcing?: Sourcing }) => {
    if (!db) return;
    void save(async () => {
      const next = await editWorkspaceTree(db, (cur) => setProcurement(cur, c.id, change));
      return { tree: next, done: t('tree.procured', { name: name(c) }) };
    });
  };
  const procurementCells = (c: Category) => (
    <>
      <td>
        <select value={c.regime} disabled={busy} aria-label={t('tree.regimeLabel', { name: name(c) })} data-testid={`tree-regime-${c.id}`} onChange={(e) => procure(c, { regime: e.target.value as Regime })}>
          {REGIMES.map((r) => <option key={r} value={r}>{t(`opp.regime.${r}` as MessageKey)}</option>)}
        </select>
      </td>
      <td>
        <select value={sourcingOf(c)} disabled={busy} aria-label={t('tree.sourcingLabel', { name: name(c) })} data-testid={`tree-sourcing-${c.id}`} onChange={(e) => procure(c, { sourcing: e.target.value as Sourcing })}>
          {SOURCINGS.map((x) => <option key={x} value={x}>{t(`tree.sourcing.${x}` as MessageKey)}</option>)}
        </select>
      </td>
    </>
  );

  const reset = () => {
    if (!db || !window.confirm(t('tree.confirmReset'))) return;
    void save(async () => ({ tree: await resetWorkspaceTree(db), done: t('tree.resetDone') }));
  };

  const formFor = (match: (f: Form) => boolean, title: string) =>
    form && match(form) ? (
      <tr className="tree-form-row">
        <td colSpan={6}>
          <NameForm form={form} title={title} busy={busy} onChange={(n) => setForm({ ...form, name: n })} onSave={submit} onCancel={() => setForm(null)} />
        </td>
      </tr>
    ) : null;

  const categoryCell = (c: Category) => (
    <span className={`tree-cell depth-${c.level - 1}`} title={c.id}>
      <span className="tree-name" data-testid={`tree-name-${c.id}`}>{name(c)}</span>{' '}
      <span className="muted">{c.name[other]}</span>
      {!DEFAULT_IDS.has(c.id) && <> <span className="badge" title={t('tree.addedTitle')}>{t('tree.added')}</span></>}
    </span>
  );
  const renameButton = (c: Category) => (
    <button type="button" className="button small" disabled={busy} data-testid={`tree-rename-${c.id}`} onClick={() => { setError(null); setForm({ kind: 'rename', id: c.id, name: { ...c.name } }); }}>
      {t('tree.rename')}
    </button>
  );

  const rows = overview.data ?? [];
  return (
    <section className="panel category-tree-editor" data-testid="category-tree-editor" aria-busy={overview.isLoading || busy}>
      <div className="panel-head">
        <h2>{t('tree.title')}</h2>
        <button type="button" className="button small" disabled={busy} data-testid="tree-add-top" onClick={() => { setError(null); setForm({ kind: 'add', parent: null, name: { da: '', en: '' } }); }}>
          {t('tree.addTop')}
        </button>
        <button type="button" className="button small" disabled={busy} data-testid="tree-reset" onClick={reset}>{t('tree.reset')}</button>
      </div>
      <p className="muted">{t('tree.intro')}</p>
      <div aria-live="polite">
        {busy && <p className="cls-busy" role="status">{t('tree.saving')}</p>}
        {!busy && message && <p className="notice" role="status" data-testid="tree-message">{message}</p>}
        {!busy && error && (
          <div className="error-message" role="alert" data-testid="tree-error">
            <p>{error.text}</p>
            {error.problems.length > 0 && <ul>{error.problems.slice(0, 12).map((p) => <li key={p}>{p}</li>)}</ul>}
          </div>
        )}
      </div>
      {form?.kind === 'add' && form.parent === null && (
        <NameForm form={form} title={t('tree.newTopTitle')} busy={busy} onChange={(n) => setForm({ ...form, name: n })} onSave={submit} onCancel={() => setForm(null)} />
      )}
      <table className="data-table tree-table">
        <thead>
          <tr>
            <th>{t('tree.colCategory')}</th>
            <th className="num">{t('tree.colLines')}</th>
            <th className="num">{t('tree.colSpend')}</th>
            <th title={t('tree.colRegimeTitle')}>{t('tree.colRegime')}</th>
            <th title={t('tree.colSourcingTitle')}>{t('tree.colSourcing')}</th>
            <th>{t('tree.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((top) => (
            <Fragment key={top.category.id}>
              <tr className="tree-top" data-testid={`tree-row-${top.category.id}`}>
                <td>{categoryCell(top.category)}</td>
                <td className="num">{formatNumber(top.lines, lang)}</td>
                <td className="num">{formatKr(top.spend, lang, 0)}</td>
                <td colSpan={2} />
                <td className="tree-actions">
                  {renameButton(top.category)}{' '}
                  <button
                    type="button"
                    className="button small"
                    disabled={busy}
                    data-testid={`tree-add-child-${top.category.id}`}
                    onClick={() => { setError(null); setForm({ kind: 'add', parent: top.category.id, name: { da: '', en: '' } }); }}
                  >
                    {t('tree.addChild')}
                  </button>
                </td>
              </tr>
              {formFor((f) => f.kind === 'rename' && f.id === top.category.id, `${t('tree.rename')}: ${name(top.category)}`)}
              {top.children.map((child) => (
                <Fragment key={child.category.id}>
                  <tr data-testid={`tree-row-${child.category.id}`}>
                    <td>{categoryCell(child.category)}</td>
                    <td className="num">{formatNumber(child.lines, lang)}</td>
                    <td className="num">{formatKr(child.spend, lang, 0)}</td>
                    {procurementCells(child.category)}
                    <td className="tree-actions">
                      {renameButton(child.category)}{' '}
                      <select
                        value=""
                        disabled={busy}
                        aria-label={t('tree.moveLabel', { name: name(child.category) })}
                        data-testid={`tree-move-${child.category.id}`}
                        onChange={(e) => e.target.value && move(child, e.target.value)}
                      >
                        <option value="">{t('tree.moveChoose')}</option>
                        {tops.filter((p) => p.id !== child.category.parent).map((p) => (
                          <option key={p.id} value={p.id}>{name(p)}</option>
                        ))}
                      </select>
                    </td>
                  </tr>
                  {formFor((f) => f.kind === 'rename' && f.id === child.category.id, `${t('tree.rename')}: ${name(child.category)}`)}
                </Fragment>
              ))}
              {formFor((f) => f.kind === 'add' && f.parent === top.category.id, t('tree.newChildTitle', { parent: name(top.category) }))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
