import { useState } from 'react';
import { filtersWhere } from '../../core/analysis/filters-sql.js';
import { useApp, useT } from '../app/app-context.js';
import { datedName, downloadBytes, XLSX_TYPE } from './download.js';

/**
 * "Hent analysen som Excel": the whole analysis under the global filters, in the current language,
 * as one workbook — the same core code as the command line's --xlsx, loaded when it is asked for.
 */
export function WorkbookButton() {
  const { db, view, tree } = useApp();
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    if (!db) return;
    setBusy(true);
    setError(null);
    try {
      const { analysisWorkbook } = await import('../../core/report/analysis-workbook.js');
      const bytes = await analysisWorkbook(db, { where: filtersWhere(view.filters, tree), filters: view.filters, tree, lang });
      downloadBytes(`${datedName(t('export.workbookFile'))}.xlsx`, bytes, XLSX_TYPE);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void download()} disabled={busy || !db} data-testid="export-workbook" title={t('export.workbookTitle')} aria-busy={busy || undefined}>
        {busy ? t('export.workbookBusy') : t('export.workbook')}
      </button>
      {error && <span className="error-message" role="alert">{error}</span>}
    </>
  );
}
