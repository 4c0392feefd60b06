import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { list, literal } from '../sql/escape.js';
import { loadFileLabels, type FileLabel } from './dataset-labels.js';

/**
 * The data sets Sammenlign puts side by side. By label: the files with the same municipality and
 * period. By year: each municipality's lines split by calendar year (one export of two years
 * becomes two periods).
 */

export type CompareBy = 'label' | 'year';

export interface Dataset {
  /** Stable within one comparison: "municipality|period". */
  key: string;
  municipality: string;
  period: string;
  /** The largest number entered on the data set's files; null when none is. */
  inhabitants: number | null;
  fileIds: number[];
  /** A WHERE condition over spend_line selecting the data set's lines. */
  where: string;
}

const DATE = 'coalesce(document_date, posting_date)';

function inhabitantsOf(files: readonly FileLabel[]): number | null {
  const values = files.map((f) => f.inhabitants).filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const byName = (a: Dataset, b: Dataset) => a.municipality.localeCompare(b.municipality, 'da') || a.period.localeCompare(b.period, 'da');

export async function loadDatasets(db: DbConnector, by: CompareBy, labels?: readonly FileLabel[]): Promise<Dataset[]> {
  const files = labels ?? (await loadFileLabels(db));
  if (by === 'label') {
    return [...groupBy(files, (f) => `${f.municipality}|${f.period}`).entries()]
      .map(([key, group]) => ({
        key,
        municipality: group[0]!.municipality,
        period: group[0]!.period,
        inhabitants: inhabitantsOf(group),
        fileIds: group.map((f) => f.fileId),
        where: `file_id IN (${list(group.map((f) => f.fileId))})`,
      }))
      .sort(byName);
  }
  const years = await queryRows(db, `SELECT DISTINCT file_id, year(${DATE}) AS y FROM spend_line WHERE ${DATE} IS NOT NULL ORDER BY 1, 2`);
  const out: Dataset[] = [];
  for (const [municipality, group] of groupBy(files, (f) => f.municipality)) {
    const ids = new Set(group.map((f) => f.fileId));
    const ys = [...new Set(years.filter((r) => ids.has(Number(r.file_id))).map((r) => Number(r.y)))].sort();
    for (const y of ys) {
      const fileIds = years.filter((r) => ids.has(Number(r.file_id)) && Number(r.y) === y).map((r) => Number(r.file_id));
      out.push({
        key: `${municipality}|${y}`,
        municipality,
        period: String(y),
        inhabitants: inhabitantsOf(group),
        fileIds,
        where: `file_id IN (${list(fileIds)}) AND year(${DATE}) = ${literal(y)}`,
      });
    }
  }
  return out.sort(byName);
}
