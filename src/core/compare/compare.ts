import type { GroupMetrics } from '../analysis/fragmentation/index.js';
import type { Text } from '../analysis/opportunities/types.js';
import type { DbConnector } from '../db/connector.js';
import { defaultCategoryTree, type CategoryTree } from '../taxonomy/category-tree.js';
import { loadThresholds } from '../thresholds/table.js';
import { periodChange, type PeriodChange } from './changes.js';
import { loadDatasets, type CompareBy, type Dataset } from './datasets.js';
import { datasetFigures, type DatasetFigures } from './figures.js';
import { jointTenders, type JointTender } from './joint-tender.js';

/**
 * Sammenlign: several municipalities or periods side by side (consultants' workshops). Every data
 * set is analysed on its own (figures.ts), then lined up per category.
 */

export interface CategoryFigures {
  /** Annual addressable spend. */
  spend: number;
  perInhabitant: number | null;
  suppliers: number;
  hhi: number;
  onAgreementShare: number | null;
  smallOrderShare: number | null;
}

export const COMPARE_METRICS = ['spend', 'perInhabitant', 'suppliers', 'hhi', 'onAgreementShare', 'smallOrderShare'] as const;
export type CompareMetric = (typeof COMPARE_METRICS)[number];

/**
 * The figures marked when they stand out. Not the spend or the number of suppliers themselves:
 * they grow with the size of the municipality, so a small one would be "low" everywhere;
 * spend per inhabitant says the same thing fairly.
 */
export const MARKED_METRICS: readonly CompareMetric[] = ['perInhabitant', 'hhi', 'onAgreementShare', 'smallOrderShare'];

export interface CompareRow {
  /** Category id; null for addressable spend without a category. */
  id: string | null;
  parentId: string | null;
  level: 1 | 2;
  name: Text;
  /** One entry per data set, in the order of `datasets`; null where the data set has no spend in it. */
  values: (CategoryFigures | null)[];
}

export interface DatasetSummary extends CategoryFigures {
  key: string;
  municipality: string;
  period: string;
  inhabitants: number | null;
  from: string | null;
  to: string | null;
  /** Months of data behind the annual figures (12 unless the data set is shorter). */
  months: number;
  categories: number;
}

export interface SharedSupplier {
  key: string;
  name: string | null;
  /** Annual spend per data set (0 where not bought from). */
  spend: number[];
  datasets: number;
}

export interface Comparison {
  by: CompareBy;
  datasets: DatasetSummary[];
  rows: CompareRow[];
  sharedSuppliers: SharedSupplier[];
  /** Level-2 categories bought in every data set, and in at least two. */
  sharedCategories: { all: number; several: number; total: number };
  jointTenders: JointTender[];
  /** For each municipality with two or more periods: first against last. */
  changes: PeriodChange[];
}

const perInhabitant = (spend: number, inhabitants: number | null) => (inhabitants ? spend / inhabitants : null);

function figuresOf(m: GroupMetrics, inhabitants: number | null): CategoryFigures {
  return {
    spend: m.spend, perInhabitant: perInhabitant(m.spend, inhabitants), suppliers: m.suppliers, hhi: m.hhi,
    onAgreementShare: m.onContractShare, smallOrderShare: m.smallOrderShare,
  };
}

function rowsOf(figures: readonly DatasetFigures[]): CompareRow[] {
  const key = (id: string | null) => id ?? '';
  const level1 = new Map<string, { m: GroupMetrics; total: number }>();
  const level2 = new Map<string, { m: GroupMetrics; total: number }>();
  for (const f of figures) {
    for (const [map, list] of [[level1, f.category1], [level2, f.category2]] as const) {
      for (const m of list) {
        const e = map.get(key(m.id)) ?? { m, total: 0 };
        e.total += m.spend;
        map.set(key(m.id), e);
      }
    }
  }
  const row = (m: GroupMetrics, level: 1 | 2, list: (f: DatasetFigures) => GroupMetrics[]): CompareRow => ({
    id: m.id, parentId: level === 2 ? m.parentId : null, level, name: m.name,
    values: figures.map((f) => {
      const hit = list(f).find((x) => x.id === m.id);
      return hit ? figuresOf(hit, f.dataset.inhabitants) : null;
    }),
  });
  const bySpend = (a: { total: number; m: GroupMetrics }, b: { total: number; m: GroupMetrics }) =>
    (a.m.id === null ? 1 : 0) - (b.m.id === null ? 1 : 0) || b.total - a.total || key(a.m.id).localeCompare(key(b.m.id));
  const out: CompareRow[] = [];
  for (const top of [...level1.values()].sort(bySpend)) {
    out.push(row(top.m, 1, (f) => f.category1));
    if (top.m.id === null) continue;
    const children = [...level2.values()].filter((c) => c.m.id !== null && c.m.parentId === top.m.id).sort(bySpend);
    for (const c of children) out.push(row(c.m, 2, (f) => f.category2));
  }
  return out;
}

function sharedSuppliersOf(figures: readonly DatasetFigures[]): SharedSupplier[] {
  const all = new Map<string, SharedSupplier>();
  figures.forEach((f, i) => {
    for (const s of f.supplierSpend) {
      const e = all.get(s.key) ?? { key: s.key, name: s.name, spend: figures.map(() => 0), datasets: 0 };
      e.spend[i] = Math.round((e.spend[i]! + s.spend) * 100) / 100;
      all.set(s.key, e);
    }
  });
  return [...all.values()]
    .map((s) => ({ ...s, datasets: s.spend.filter((v) => v > 0).length }))
    .filter((s) => s.datasets >= 2)
    .sort((a, b) => b.spend.reduce((x, y) => x + y, 0) - a.spend.reduce((x, y) => x + y, 0) || a.key.localeCompare(b.key));
}

function summaryOf(f: DatasetFigures): DatasetSummary {
  const d: Dataset = f.dataset;
  return {
    key: d.key, municipality: d.municipality, period: d.period, inhabitants: d.inhabitants,
    from: f.window?.from ?? null, to: f.window?.to ?? null, months: f.window?.months ?? 0,
    spend: f.annualSpend, perInhabitant: perInhabitant(f.annualSpend, d.inhabitants), suppliers: f.suppliers,
    hhi: 0, onAgreementShare: f.compliance?.onAgreementShare ?? null, smallOrderShare: f.smallOrderShare,
    categories: f.category2.filter((m) => m.id !== null && m.spend > 0).length,
  };
}

export interface CompareOptions {
  by: CompareBy;
  /** Global filters (filtersWhere) on top of each data set. */
  where?: string;
  tree?: CategoryTree;
}

export async function loadComparison(db: DbConnector, options: CompareOptions): Promise<Comparison> {
  const tree = options.tree ?? defaultCategoryTree();
  const datasets = await loadDatasets(db, options.by);
  const figures: DatasetFigures[] = [];
  for (const d of datasets) figures.push(await datasetFigures(db, d, { where: options.where, tree }));
  const bought = (f: DatasetFigures) => new Set(f.category2.filter((m) => m.id !== null && m.spend > 0).map((m) => m.id!));
  const sets = figures.map(bought);
  const ids = new Set(sets.flatMap((s) => [...s]));
  const count = (id: string) => sets.filter((s) => s.has(id)).length;
  const byMunicipality = new Map<string, DatasetFigures[]>();
  for (const f of figures) byMunicipality.set(f.dataset.municipality, [...(byMunicipality.get(f.dataset.municipality) ?? []), f]);
  return {
    by: options.by,
    datasets: figures.map(summaryOf),
    rows: rowsOf(figures),
    sharedSuppliers: sharedSuppliersOf(figures),
    sharedCategories: {
      all: [...ids].filter((id) => count(id) === figures.length).length,
      several: [...ids].filter((id) => count(id) >= 2).length,
      total: ids.size,
    },
    jointTenders: jointTenders(figures, tree, await loadThresholds(db)),
    changes: [...byMunicipality.values()].filter((list) => list.length >= 2).map((list) => periodChange(list[0]!, list.at(-1)!)),
  };
}

/**
 * Which values stand out among the data sets: amounts and counts at least 1.5 times (or at most
 * 1/1.5 of) the median of the data sets, shares at least 15 percentage points from it.
 */
export function standOut(values: readonly (number | null)[], metric: CompareMetric): ('high' | 'low' | null)[] {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (present.length < 2) return values.map(() => null);
  const mid = present.length / 2;
  const median = present.length % 2 ? present[Math.floor(mid)]! : (present[mid - 1]! + present[mid]!) / 2;
  const isShare = metric === 'onAgreementShare' || metric === 'smallOrderShare';
  return values.map((v) => {
    if (v === null) return null;
    if (isShare) return v - median >= 0.15 ? 'high' : median - v >= 0.15 ? 'low' : null;
    if (median <= 0) return null;
    return v >= 1.5 * median ? 'high' : v <= median / 1.5 ? 'low' : null;
  });
}
