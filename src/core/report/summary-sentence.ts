import type { Opportunity, Text } from '../analysis/opportunities/types.js';
import { formatKrCompact, formatNumber } from '../format/format.js';
import type { Lang } from '../state/url-state.js';

/**
 * One sentence per opportunity for the printed report (the screens show the full rationale):
 * what was found, in figures, and what to do. Built from the opportunity's own figures.
 */
export function summarySentence(o: Opportunity): Text {
  const d = o.details;
  const s = (l: Lang) => {
    const kr = (v: number) => formatKrCompact(v, l);
    const n = (v: number) => formatNumber(v, l);
    const da = l === 'da';
    switch (o.kind) {
      case 'tender':
        return da
          ? `${kr(o.annualSpend)} om året købes uden aftale hos ${n(d.supplierCount)} leverandører, samlet over tærskelværdien (${kr(o.threshold)}): udbyd det samlet.`
          : `${kr(o.annualSpend)} a year is bought without an agreement from ${n(d.supplierCount)} suppliers, together above the threshold (${kr(o.threshold)}): tender it as one contract.`;
      case 'agreement':
        return da
          ? `${kr(o.annualSpend)} om året købes uden om aftalen hos ${n(d.supplierCount)} andre leverandører: flyt købene over på aftalen.`
          : `${kr(o.annualSpend)} a year is bought outside the agreement from ${n(d.supplierCount)} other suppliers: move it onto the agreement.`;
      case 'consolidate':
        return da
          ? `${kr(o.annualSpend)} om året købes af ${n(d.unitCount)} enheder hos ${n(d.supplierCount)} leverandører under tærskelværdien: køb hos færre og forhandl prisen.`
          : `${kr(o.annualSpend)} a year is bought by ${n(d.unitCount)} units from ${n(d.supplierCount)} suppliers below the threshold: buy from fewer and negotiate the price.`;
      case 'small-orders':
        return da
          ? `${n(d.smallOrders ?? 0)} småfakturaer om året: saml dem i færre, større ordrer eller e-handel.`
          : `${n(d.smallOrders ?? 0)} small invoices a year: bundle them into fewer, larger orders or e-commerce.`;
      case 'price-variance':
        return da
          ? `${n(d.items?.length ?? 0)} varer købes til forskellige priser hos samme leverandør: aftal én pris for alle enheder.`
          : `${n(d.items?.length ?? 0)} items are bought at different prices from the same supplier: agree one price for all units.`;
    }
  };
  return { da: s('da'), en: s('en') };
}
