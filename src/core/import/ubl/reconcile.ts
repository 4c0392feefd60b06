import { commonScale, formatDanish, sumUnits, toUnits } from './decimal.js';
import type { UblTotals } from './document.js';

/**
 * Checks that the rows add up to the totals the document states, in exact units. A mismatch is
 * reported, never fatal: the rows are still the best reading of the invoice, and the user needs
 * to know which documents to look at.
 */
export function reconcile(file: string, t: UblTotals): string[] {
  const totals = [t.lineExtensionAmount, t.taxExclusiveAmount, t.allowanceTotalAmount, t.chargeTotalAmount];
  const scale = commonScale([
    ...t.lineAmounts,
    ...t.allowances,
    ...t.charges,
    ...totals.filter((v): v is string => v !== null),
  ]);
  const units = (v: string | null): bigint => (v === null ? 0n : toUnits(v, scale));
  const fmt = (v: bigint): string => formatDanish(v, scale);
  const warnings: string[] = [];

  const lineSum = sumUnits(t.lineAmounts, scale);
  const net = lineSum + sumUnits(t.charges, scale) - sumUnits(t.allowances, scale);

  if (t.lineExtensionAmount !== null && lineSum !== units(t.lineExtensionAmount)) {
    warnings.push(
      `${file}: linjesum ${fmt(lineSum)} afviger fra dokumentets linjetotal ${fmt(units(t.lineExtensionAmount))}`,
    );
  }

  if (t.oioubl) {
    // OIOUBL 2.x uses TaxExclusiveAmount for the VAT total, so only the header allowances and
    // charges can be checked, against their own stated totals (the lines were checked above).
    const adjust = net - lineSum;
    const statedAdjust = units(t.chargeTotalAmount) - units(t.allowanceTotalAmount);
    if (adjust !== statedAdjust) {
      warnings.push(
        `${file}: rabatter og gebyrer i alt ${fmt(adjust)} afviger fra dokumentets ${fmt(statedAdjust)}`,
      );
    }
  } else if (t.taxExclusiveAmount !== null && net !== units(t.taxExclusiveAmount)) {
    const stated = fmt(units(t.taxExclusiveAmount));
    warnings.push(`${file}: linjesum med rabatter og gebyrer ${fmt(net)} afviger fra dokumentets total ekskl. moms ${stated}`);
  }
  return warnings;
}
