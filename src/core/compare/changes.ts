import type { Text } from '../analysis/opportunities/types.js';
import type { DatasetFigures } from './figures.js';

/**
 * One municipality over two periods (its first and last data set): the change per category, the
 * suppliers that are new or gone, and the compliance trend. Annual amounts, as in figures.ts.
 */

export interface CategoryChange {
  categoryId: string;
  name: Text;
  before: number;
  after: number;
  change: number;
  /** change / before; null when there was no spend before. */
  changeShare: number | null;
}

export interface SupplierMove {
  key: string;
  name: string | null;
  spend: number;
}

export interface PeriodChange {
  municipality: string;
  from: { key: string; period: string };
  to: { key: string; period: string };
  categories: CategoryChange[];
  /** Suppliers bought from in the last period only (by spend then), and in the first only. */
  newSuppliers: SupplierMove[];
  lostSuppliers: SupplierMove[];
  compliance: {
    before: number | null;
    after: number | null;
    categories: { categoryId: string; name: Text; before: number | null; after: number | null }[];
  };
}

const round = (v: number) => Math.round(v * 100) / 100;

function supplierTotals(f: DatasetFigures): Map<string, SupplierMove> {
  const out = new Map<string, SupplierMove>();
  for (const s of f.supplierSpend) {
    const e = out.get(s.key) ?? { key: s.key, name: s.name, spend: 0 };
    e.spend = round(e.spend + s.spend);
    out.set(s.key, e);
  }
  return out;
}

function moves(a: Map<string, SupplierMove>, b: Map<string, SupplierMove>): SupplierMove[] {
  return [...b.values()].filter((s) => !a.has(s.key) && s.spend > 0).sort((x, y) => y.spend - x.spend || x.key.localeCompare(y.key));
}

export function periodChange(first: DatasetFigures, last: DatasetFigures): PeriodChange {
  const ids = new Map<string, Text>();
  for (const m of [...first.category2, ...last.category2]) if (m.id !== null) ids.set(m.id, m.name);
  const spendIn = (f: DatasetFigures, id: string) => f.category2.find((m) => m.id === id)?.spend ?? 0;
  const categories = [...ids]
    .map(([id, name]): CategoryChange => {
      const before = spendIn(first, id);
      const after = spendIn(last, id);
      return { categoryId: id, name, before, after, change: round(after - before), changeShare: before > 0 ? (after - before) / before : null };
    })
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.categoryId.localeCompare(b.categoryId));
  const a = supplierTotals(first);
  const b = supplierTotals(last);
  const complianceIds = new Map<string, Text>();
  for (const f of [first, last]) for (const c of f.compliance?.categories ?? []) complianceIds.set(c.categoryId, c.name);
  const complianceOf = (f: DatasetFigures, id: string) => f.compliance?.categories.find((c) => c.categoryId === id)?.compliance ?? null;
  return {
    municipality: last.dataset.municipality,
    from: { key: first.dataset.key, period: first.dataset.period },
    to: { key: last.dataset.key, period: last.dataset.period },
    categories,
    newSuppliers: moves(a, b),
    lostSuppliers: moves(b, a),
    compliance: {
      before: first.compliance?.compliance ?? null,
      after: last.compliance?.compliance ?? null,
      categories: [...complianceIds].map(([id, name]) => ({ categoryId: id, name, before: complianceOf(first, id), after: complianceOf(last, id) })),
    },
  };
}
