import { useState } from 'react';
import { saveFileLabels, type FileLabel } from '../../../core/compare/index.js';
import { formatNumber } from '../../../core/format/format.js';
import { parseEditable } from '../../../core/format/editable.js';
import { useApp, useT } from '../../app/app-context.js';
import type { MessageKey } from '../../i18n/messages.js';

type Draft = Record<number, { municipality: string; period: string; inhabitants: string }>;

const draftOf = (labels: readonly FileLabel[], lang: 'da' | 'en'): Draft =>
  Object.fromEntries(
    labels.map((l) => [
      l.fileId,
      {
        // An empty field shows the default as its placeholder; a saved value is shown as typed.
        municipality: l.municipality === l.defaults.municipality ? '' : l.municipality,
        period: l.period === l.defaults.period ? '' : l.period,
        inhabitants: l.inhabitants === null ? '' : formatNumber(l.inhabitants, lang),
      },
    ]),
  );

/** Municipality, period and inhabitants per loaded file; files with the same municipality and period form one data set. */
export function DatasetLabels({ labels }: { labels: FileLabel[] }) {
  const { db, notifyDataChanged } = useApp();
  const { t, lang } = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(labels, lang));
  const [state, setState] = useState<'idle' | 'saved' | 'bad'>('idle');
  const set = (id: number, patch: Partial<Draft[number]>) => {
    setState('idle');
    setDraft((d) => ({ ...d, [id]: { ...d[id]!, ...patch } }));
  };
  const save = async () => {
    if (!db) return;
    const edits = labels.map((l) => {
      const d = draft[l.fileId]!;
      const n = d.inhabitants.trim() === '' ? null : parseEditable(d.inhabitants, lang);
      return { fileId: l.fileId, municipality: d.municipality, period: d.period, inhabitants: n };
    });
    if (edits.some((e) => e.inhabitants !== null && !(Number.isInteger(e.inhabitants) && e.inhabitants >= 0))) {
      setState('bad');
      return;
    }
    await saveFileLabels(db, edits);
    setState('saved');
    notifyDataChanged();
  };
  return (
    <div className="panel dataset-labels">
      <h2>{t('cmp.labels')}</h2>
      <p className="muted">{t('cmp.labelsHint')}</p>
      <table className="data-table" data-testid="dataset-labels">
        <thead>
          <tr>
            <th>{t('cmp.file')}</th>
            <th>{t('cmp.kind')}</th>
            <th className="num">{t('cmp.lines')}</th>
            <th>{t('cmp.municipality')}</th>
            <th>{t('cmp.period')}</th>
            <th>{t('cmp.inhabitants')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((l) => (
            <tr key={l.fileId}>
              <td>{l.name}</td>
              <td>{t(`role.${l.sourceKind === 'ecommerce' ? 'ecommerce' : 'invoice'}` as MessageKey)}</td>
              <td className="num">{formatNumber(l.lines, lang)}</td>
              <td>
                <input value={draft[l.fileId]?.municipality ?? ''} placeholder={l.defaults.municipality} aria-label={`${t('cmp.municipality')}: ${l.name}`}
                  data-testid={`label-municipality-${l.fileId}`} onChange={(e) => set(l.fileId, { municipality: e.target.value })} />
              </td>
              <td>
                <input value={draft[l.fileId]?.period ?? ''} placeholder={l.defaults.period} aria-label={`${t('cmp.period')}: ${l.name}`} size={10}
                  data-testid={`label-period-${l.fileId}`} onChange={(e) => set(l.fileId, { period: e.target.value })} />
              </td>
              <td>
                <input value={draft[l.fileId]?.inhabitants ?? ''} inputMode="numeric" aria-label={`${t('cmp.inhabitants')}: ${l.name}`} size={9}
                  data-testid={`label-inhabitants-${l.fileId}`} onChange={(e) => set(l.fileId, { inhabitants: e.target.value })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" className="button primary" onClick={() => void save()} data-testid="labels-save">{t('cmp.save')}</button>{' '}
        {state === 'saved' && <span role="status" data-testid="labels-saved">{t('cmp.saved')}</span>}
        {state === 'bad' && <span className="error-message" role="alert">{t('cmp.badInhabitants')}</span>}
      </p>
    </div>
  );
}
