import { useState } from 'react';
import { tableCsv, type ExportColumn } from '../../core/export/table-csv.js';
import { useT } from '../app/app-context.js';
import { datedName, downloadBytes, downloadText, XLSX_TYPE } from './download.js';
import './export.css';

export interface ExportSpec<T> {
  /** File name without date and extension, e.g. "kategorier". */
  name: string;
  columns: ExportColumn<T>[];
  /** The rows as shown (filters and sort applied); a function when the table shows only a page. */
  rows: readonly T[] | (() => Promise<readonly T[]>);
}

/**
 * "Eksportér" to .xlsx or .csv (Danish CSV): the table's rows in their current order under the
 * current filters. The workbook writer is loaded only when someone asks for a workbook.
 */
export function ExportButton<T>({ spec, testId }: { spec: ExportSpec<T>; testId: string }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: 'xlsx' | 'csv') => {
    setBusy(true);
    setError(null);
    try {
      const rows = typeof spec.rows === 'function' ? await spec.rows() : spec.rows;
      const file = datedName(spec.name);
      if (kind === 'csv') downloadText(`${file}.csv`, tableCsv(spec.columns, rows), 'text/csv');
      else {
        const { tableXlsx } = await import('../../core/export/table-xlsx.js');
        downloadBytes(`${file}.xlsx`, await tableXlsx(spec.name, spec.columns, rows), XLSX_TYPE);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="export-button no-print" role="group" aria-label={t('export.label')} aria-busy={busy || undefined} data-testid={testId}>
      <span className="export-label">{t('export.label')}</span>
      <button type="button" className="button small" disabled={busy} onClick={() => void run('xlsx')} data-testid={`${testId}-xlsx`} title={t('export.xlsxTitle')}>
        .xlsx
      </button>
      <button type="button" className="button small" disabled={busy} onClick={() => void run('csv')} data-testid={`${testId}-csv`} title={t('export.csvTitle')}>
        .csv
      </button>
      {error && <span className="error-message" role="alert">{error}</span>}
    </span>
  );
}
