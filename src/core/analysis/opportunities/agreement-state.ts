import type { AgreementRow } from '../../agreements/list.js';
import type { CategoryTree } from '../../taxonomy/category-tree.js';
import type { AnalysisWindow, Retender } from './types.js';

/**
 * Where each level-2 category stands with its agreements on the data's last date, which decides
 * whether a tender or consolidation makes sense at all:
 * - covered: an agreement covers the category on that date, so it was tendered and no new tender
 *   or consolidation is suggested (spend bought beside it is the `agreement` finding);
 * - re-tender due: the covering agreements all end within the planning horizon with nothing
 *   lasting beyond ('ending'), a framework's maximum is (projected to be) used up within it
 *   ('max': a used-up framework no longer covers the duty to tender, C-216/17), or the
 *   category's agreement ended inside the window with no successor ('expired').
 */
export interface CategoryAgreementState {
  coveredAtEnd: boolean;
  retender: Retender | null;
}

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const retenderOf = (a: AgreementRow, reason: Retender['reason'], date: string): Retender => ({
  reason,
  date,
  agreementId: a.id ?? a.name ?? a.key,
  agreementName: a.name,
  maxValue: a.maxValue,
  projectedShare: a.projectedShare,
});

/** The state of every level-2 category some agreement covers (others are neither covered nor due). */
export function agreementStates(
  agreements: readonly AgreementRow[],
  tree: CategoryTree,
  window: Pick<AnalysisWindow, 'from' | 'to'>,
  horizonMonths: number,
): Map<string, CategoryAgreementState> {
  const children = new Map<string, string[]>();
  for (const c of tree.categories) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c.id]);
  const byCategory = new Map<string, AgreementRow[]>();
  for (const a of agreements) {
    const ids = new Set(a.categories.flatMap((m) => children.get(m.categoryId) ?? [m.categoryId]));
    for (const id of ids) byCategory.set(id, [...(byCategory.get(id) ?? []), a]);
  }
  const asOf = window.to;
  const horizon = addMonths(asOf, horizonMonths);
  const out = new Map<string, CategoryAgreementState>();
  for (const [id, list] of byCategory) {
    const active = list.filter((a) => (a.validFrom ?? '0000') <= asOf && asOf <= (a.validTo ?? '9999'));
    if (active.length) {
      const lasting = list.some((a) => (a.validTo ?? '9999') > horizon);
      const used = active.find((a) => (a.usedShare ?? 0) >= 1 || (a.maxReachedOn !== null && a.maxReachedOn <= horizon));
      let retender: Retender | null = null;
      if (used) retender = retenderOf(used, 'max', (used.usedShare ?? 0) >= 1 ? asOf : used.maxReachedOn!);
      else if (!lasting) {
        const last = [...active].sort((a, b) => (b.validTo ?? '').localeCompare(a.validTo ?? ''))[0]!;
        retender = retenderOf(last, 'ending', last.validTo!);
      }
      out.set(id, { coveredAtEnd: true, retender });
      continue;
    }
    // No agreement on the last date: one that ended inside the window leaves the category without one.
    const ended = list.filter((a) => a.validTo !== null && a.validTo < asOf && a.validTo >= window.from);
    const future = list.some((a) => (a.validFrom ?? '0000') > asOf);
    const last = [...ended].sort((a, b) => b.validTo!.localeCompare(a.validTo!))[0];
    out.set(id, { coveredAtEnd: false, retender: last && !future ? retenderOf(last, 'expired', last.validTo!) : null });
  }
  return out;
}
