import { useState } from 'react';
import {
  loadThresholds, resetThresholds, saveThresholds, THRESHOLD_REGIMES, thresholdProblems, type Threshold, type ThresholdRegime,
} from '../../../core/thresholds/index.js';
import { formatEditable, parseEditable } from '../../../core/format/editable.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useSettingsSave } from './use-settings-save.js';
import { ProblemList } from '../../components/ProblemList.js';

/** A row being edited: amounts as typed. */
interface DraftRow {
  regime: ThresholdRegime;
  validFrom: string;
  validTo: string;
  eur: string;
  dkk: string;
  estimate: boolean;
  source: string;
}

const order = (r: ThresholdRegime) => THRESHOLD_REGIMES.indexOf(r);

function toDraft(list: readonly Threshold[], lang: Lang): DraftRow[] {
  return [...list]
    .sort((a, b) => order(a.regime) - order(b.regime) || a.validFrom.localeCompare(b.validFrom))
    .map((t) => ({ ...t, eur: formatEditable(t.eur, lang), dkk: formatEditable(t.dkk, lang) }));
}

const fromDraft = (rows: readonly DraftRow[], lang: Lang): Threshold[] =>
  rows.map((r) => ({ ...r, eur: parseEditable(r.eur, lang), dkk: parseEditable(r.dkk, lang), source: r.source.trim() }));

/** ISO date + n days (UTC). */
function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The EU thresholds per regime and period: edit, add a period, save or go back to the shipped table. */
export function ThresholdTable() {
  const { lang } = useT();
  const thresholds = useQuery('thresholds', (db) => loadThresholds(db));
  const [done, setDone] = useState<MessageKey | null>(null);
  if (thresholds.error) throw thresholds.error;
  if (!thresholds.data) return <p className="muted" aria-busy="true">…</p>;
  return <ThresholdForm key={`${lang}|${JSON.stringify(thresholds.data)}`} saved={thresholds.data} done={done} setDone={setDone} />;
}

function ThresholdForm({ saved, done, setDone }: { saved: Threshold[]; done: MessageKey | null; setDone: (m: MessageKey | null) => void }) {
  const { t, lang } = useT();
  const [rows, setRows] = useState<DraftRow[]>(() => toDraft(saved, lang));
  const { problems, busy, run, save: saveChecked } = useSettingsSave(setDone);
  const bad = (i: number, field: string) => problems.some((p) => p.field === `${i}.${field}`) || undefined;

  const edit = (i: number, patch: Partial<DraftRow>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setDone(null);
  };
  const add = () => {
    // The next period of the supplies-and-services regime, two years long like the EU's.
    const last = rows.filter((r) => r.regime === 'standard').sort((a, b) => a.validTo.localeCompare(b.validTo)).at(-1);
    const from = last ? addDays(last.validTo, 1) : `${new Date().getUTCFullYear()}-01-01`;
    const to = addDays(`${Number(from.slice(0, 4)) + 2}${from.slice(4)}`, -1);
    setRows([...rows, { regime: 'standard', validFrom: from, validTo: to, eur: last?.eur ?? '', dkk: last?.dkk ?? '', estimate: true, source: '' }]);
    setDone(null);
  };
  const save = () => saveChecked(fromDraft(rows, lang), thresholdProblems, saveThresholds, 'thr.saved');

  return (
    <section className="panel thresholds" data-testid="threshold-table">
      <h2>{t('thr.title')}</h2>
      <p className="muted">{t('thr.intro')}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('thr.regime')}</th>
              <th>{t('thr.from')}</th>
              <th>{t('thr.to')}</th>
              <th className="num">{t('thr.eur')}</th>
              <th className="num">{t('thr.dkk')}</th>
              <th>{t('thr.estimate')}</th>
              <th>{t('thr.source')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-testid="threshold-row" data-regime={r.regime} data-from={r.validFrom}>
                <td>
                  <select value={r.regime} aria-label={t('thr.regime')} aria-invalid={bad(i, 'regime')} onChange={(e) => edit(i, { regime: e.target.value as ThresholdRegime })}>
                    {THRESHOLD_REGIMES.map((g) => (
                      <option key={g} value={g}>{t(`opp.regime.${g}` as MessageKey)}</option>
                    ))}
                  </select>
                </td>
                <td><input type="date" value={r.validFrom} aria-label={t('thr.from')} aria-invalid={bad(i, 'validFrom')} onChange={(e) => edit(i, { validFrom: e.target.value })} /></td>
                <td><input type="date" value={r.validTo} aria-label={t('thr.to')} aria-invalid={bad(i, 'validTo')} onChange={(e) => edit(i, { validTo: e.target.value })} /></td>
                <td className="num">
                  <input className="amount" inputMode="decimal" value={r.eur} aria-label={t('thr.eur')} aria-invalid={bad(i, 'eur')} data-testid="threshold-eur" onChange={(e) => edit(i, { eur: e.target.value })} />
                </td>
                <td className="num">
                  <input className="amount" inputMode="decimal" value={r.dkk} aria-label={t('thr.dkk')} aria-invalid={bad(i, 'dkk')} data-testid="threshold-dkk" onChange={(e) => edit(i, { dkk: e.target.value })} />
                </td>
                <td>
                  <input type="checkbox" checked={r.estimate} aria-label={t('thr.estimate')} data-testid="threshold-estimate" onChange={(e) => edit(i, { estimate: e.target.checked })} />
                </td>
                <td className="source">
                  <input value={r.source} aria-label={t('thr.source')} aria-invalid={bad(i, 'source')} title={r.source} data-testid="threshold-source" onChange={(e) => edit(i, { source: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('thr.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProblemList problems={problems} testId="threshold-problems" />
      <div className="settings-actions">
        <button type="button" className="button" onClick={add} data-testid="threshold-add">{t('thr.add')}</button>
        <button type="button" className="button primary" disabled={busy} onClick={save} data-testid="threshold-save">{busy ? t('opset.busy') : t('thr.save')}</button>
        <button type="button" className="button" disabled={busy} onClick={() => void run(resetThresholds, 'thr.resetDone')} data-testid="threshold-reset">
          {t('thr.reset')}
        </button>
        {done && !problems.length && <span className="ok-message" role="status" data-testid="threshold-saved">{t(done)}</span>}
      </div>
    </section>
  );
}
