import { formatDate, formatKrCompact, formatNumber, formatPercent } from '../../format/format.js';
import type { Lang } from '../../state/url-state.js';
import type { Regime } from '../../taxonomy/category-tree.js';
import type { AnalysisWindow, OpportunityDetails, OpportunityKind, Retender, SavingsRates, Text } from './types.js';

/**
 * The plain-language texts of an opportunity: why it was raised, what to do, and the assumptions
 * behind the savings range. Danish first (the users' language), English beside it.
 */

export interface RationaleInput {
  kind: OpportunityKind;
  categoryName: Text;
  regime: Regime;
  annualSpend: number;
  categoryAnnualSpend: number;
  threshold: number;
  thresholdEstimate: boolean;
  spendMoving: number;
  details: OpportunityDetails;
  smallOrderLimit: number;
  keep: number;
}

const REGIME: Record<Regime, Text> = {
  standard: { da: 'varer og tjenesteydelser', en: 'supplies and services' },
  light: { da: 'light-regimet', en: 'light regime' },
  works: { da: 'bygge- og anlægsarbejder', en: 'works' },
};

export const ACTIONS: Record<OpportunityKind, Text> = {
  tender: { da: 'Udbud', en: 'Tender' },
  agreement: { da: 'Brug aftalen', en: 'Use the agreement' },
  consolidate: { da: 'Forhandl med færre leverandører', en: 'Negotiate with fewer suppliers' },
  'small-orders': { da: 'Færre, større ordrer / e-handel', en: 'Fewer, larger orders / e-commerce' },
  'price-variance': { da: 'Ens pris på samme vare', en: 'One price for the same item' },
};

const kr = (v: number, l: Lang) => formatKrCompact(v, l);
/** An amount that ends a sentence: "32,3 mio. kr." already has its full stop. */
const krEnd = (v: number, l: Lang) => kr(v, l).replace(/\.?$/, '.');
const n = (v: number, l: Lang) => formatNumber(v, l);
const pct = (v: number, l: Lang) => formatPercent(v, l, 0);
const price = (v: number, l: Lang) => formatNumber(v, l, 2);

function both(f: (l: Lang) => string): Text {
  return { da: f('da'), en: f('en') };
}

function agreementList(d: OpportunityDetails, l: Lang): string {
  const list = (d.agreements ?? []).map((a) => (a.supplierName ? `${a.id} (${a.supplierName})` : a.id));
  if (!list.length) return l === 'da' ? 'aftalen' : 'the agreement';
  return `${l === 'da' ? (list.length > 1 ? 'aftalerne' : 'aftalen') : list.length > 1 ? 'agreements' : 'agreement'} ${list.join(', ')}`;
}

/** A re-tender: the agreement ends, has ended, or its maximum is used up. */
function retenderText(i: RationaleInput, r: Retender): Text {
  const who = () => `${r.agreementId}${r.agreementName && r.agreementName !== r.agreementId ? ` (${r.agreementName})` : ''}`;
  const value = (l: Lang) => (i.details.frameworkValue ? (l === 'da' ? ` En ny rammeaftale over 4 år har en værdi på ca. ${krEnd(i.details.frameworkValue, l)}` : ` A new four-year framework is worth about ${krEnd(i.details.frameworkValue, l)}`) : '');
  return both((l) => {
    const date = formatDate(r.date, l);
    const cat = i.categoryName[l];
    if (r.reason === 'max') {
      const share = r.projectedShare !== null ? pct(r.projectedShare, l) : '';
      return l === 'da'
        ? `${cat}: rammeaftalen ${who()} har en maksimal værdi på ${kr(r.maxValue ?? 0, l)}; med det nuværende forbrug (${kr(i.annualSpend, l)} om året) er den opbrugt omkring ${date}${share ? ` (${share} af maksimum over løbetiden)` : ''}. ` +
            `En opbrugt rammeaftale dækker ikke længere udbudspligten (EU-Domstolen C-216/17): udbyd en ny aftale i tide.${value(l)}`
        : `${cat}: framework ${who()} has a maximum value of ${kr(r.maxValue ?? 0, l)}; at the current spend (${kr(i.annualSpend, l)} a year) it is used up around ${date}${share ? ` (${share} of the maximum over its term)` : ''}. ` +
            `A used-up framework no longer covers the duty to tender (EU Court C-216/17): tender a new one in time.${value(l)}`;
    }
    if (r.reason === 'expired') {
      return l === 'da'
        ? `${cat}: aftalen ${who()} udløb ${date}, og der er ingen ny aftale; ${kr(i.annualSpend, l)} om året købes på den gamle aftale eller helt uden aftale. Udbyd kategorien igen.${value(l)}`
        : `${cat}: agreement ${who()} ended on ${date} with no successor; ${kr(i.annualSpend, l)} a year is bought on the old agreement or without one. Tender the category again.${value(l)}`;
    }
    return l === 'da'
      ? `${cat}: aftalen ${who()} udløber ${date}, og ingen aftale rækker længere; ${kr(i.annualSpend, l)} om året købes på den. Start genudbuddet nu, så den nye aftale er klar inden.${value(l)}`
      : `${cat}: agreement ${who()} ends on ${date} and no agreement lasts beyond it; ${kr(i.annualSpend, l)} a year is bought on it. Start the re-tender now so the new agreement is ready in time.${value(l)}`;
  });
}

export function rationaleFor(i: RationaleInput): Text {
  const d = i.details;
  switch (i.kind) {
    case 'tender':
      if (d.retender) return retenderText(i, d.retender);
      if (d.thresholdRule === 'works-licitation') {
        return both((l) =>
          l === 'da'
            ? `${i.categoryName.da}: ${kr(i.categoryAnnualSpend, l)} de seneste 12 måneder, heraf ${kr(i.annualSpend, l)} uden aftale hos ${n(d.supplierCount, l)} håndværkere for ${n(d.unitCount, l)} enheder. ` +
              `Under EU-tærskelværdien for bygge- og anlægsarbejder, men over tilbudslovens ${kr(i.threshold, l)}: arbejdet skal i licitation. ` +
              `Udbyd en rammeaftale om håndværkerydelser; over 4 år har den en værdi på ca. ${krEnd(d.frameworkValue ?? i.categoryAnnualSpend * 4, l)}`
            : `${i.categoryName.en}: ${kr(i.categoryAnnualSpend, l)} in the last 12 months, ${kr(i.annualSpend, l)} of it without an agreement from ${n(d.supplierCount, l)} craftsmen for ${n(d.unitCount, l)} units. ` +
              `Below the EU works threshold but above the ${kr(i.threshold, l)} of the Danish works act (tilbudsloven): the work must be put out in a public call. ` +
              `Tender a framework agreement for craftsmen's services; over 4 years it is worth about ${krEnd(d.frameworkValue ?? i.categoryAnnualSpend * 4, l)}`,
        );
      }
      return both((l) =>
        l === 'da'
          ? `${i.categoryName.da}: ${kr(i.categoryAnnualSpend, l)} de seneste 12 måneder (udbudsloven § 35) mod tærskelværdien ${kr(i.threshold, l)} (${REGIME[i.regime].da}). ` +
            `${kr(i.annualSpend, l)} er købt uden aftale af ${n(d.unitCount, l)} ${d.unitCount === 1 ? 'enhed' : 'enheder'} hos ${n(d.supplierCount, l)} ${d.supplierCount === 1 ? 'leverandør' : 'leverandører'}. ` +
            `Samlet over tærskelværdien er det udbudspligtigt og må ikke deles op (§ 30, stk. 2): udbyd det samlet, evt. i delkontrakter (§ 49, stk. 2).` +
            (d.frameworkValue ? ` Som rammeaftale over 4 år: ca. ${krEnd(d.frameworkValue, l)}` : '')
          : `${i.categoryName.en}: ${kr(i.categoryAnnualSpend, l)} in the last 12 months (Public Procurement Act § 35) against the ${REGIME[i.regime].en} threshold of ${kr(i.threshold, l)}. ` +
            `${kr(i.annualSpend, l)} was bought without an agreement from ${n(d.supplierCount, l)} supplier${d.supplierCount === 1 ? '' : 's'} by ${n(d.unitCount, l)} unit${d.unitCount === 1 ? '' : 's'}. ` +
            `Together it is above the threshold and must not be split (§ 30(2)): tender it as one contract, possibly in lots (§ 49(2)).` +
            (d.frameworkValue ? ` As a four-year framework: about ${krEnd(d.frameworkValue, l)}` : ''),
      );
    case 'agreement':
      return both((l) => {
        const share = i.categoryAnnualSpend > 0 ? i.annualSpend / i.categoryAnnualSpend : 0;
        return l === 'da'
          ? `${i.categoryName.da}: ${pct(share, l)} af forbruget (${kr(i.annualSpend, l)} om året) købes af ${n(d.unitCount, l)} enheder hos ${n(d.supplierCount, l)} andre leverandører end ${agreementList(d, l)}. ` +
            `Flyt købene over på den aftale, kommunen allerede har (compliance 1).`
          : `${i.categoryName.en}: ${pct(share, l)} of the spend (${kr(i.annualSpend, l)} a year) is bought outside ${agreementList(d, l)} from ${n(d.supplierCount, l)} other suppliers by ${n(d.unitCount, l)} units. ` +
            `Move it onto the agreement the municipality already has (compliance 1).`;
      });
    case 'consolidate':
      return both((l) =>
        l === 'da'
          ? `${i.categoryName.da}: ${kr(i.annualSpend, l)} om året, under tærskelværdien (${kr(i.threshold, l)}), men købt af ${n(d.unitCount, l)} enheder hos ${n(d.supplierCount, l)} leverandører. ` +
            `Saml købene hos højst ${n(i.keep, l)} leverandører og forhandl prisen; ${kr(i.spendMoving, l)} om året skal flytte.` +
            (d.thresholdRule === 'works-bids' ? ' Over 300.000 kr. kan arbejdet gives efter underhåndsbud (højst tre bud, et fjerde udefra; tilbudsloven).' : '')
          : `${i.categoryName.en}: ${kr(i.annualSpend, l)} a year, below the threshold (${kr(i.threshold, l)}), but bought from ${n(d.supplierCount, l)} suppliers by ${n(d.unitCount, l)} units. ` +
            `Buy from at most ${n(i.keep, l)} suppliers and negotiate the price; ${kr(i.spendMoving, l)} a year would move.` +
            (d.thresholdRule === 'works-bids' ? ' Above 300,000 DKK the work may be let on informal bids (at most three, a fourth from outside the area; Danish works act).' : ''),
      );
    case 'small-orders':
      return both((l) => {
        const share = d.invoices ? (d.smallOrders ?? 0) / d.invoices : 0;
        return l === 'da'
          ? `${i.categoryName.da}: ${n(d.smallOrders ?? 0, l)} fakturaer om året under ${n(i.smallOrderLimit, l)} kr., i alt ${kr(i.annualSpend, l)} (${pct(share, l)} af kategoriens fakturaer). ` +
            `Saml dem i færre, større ordrer eller køb via e-handel: hver faktura, der forsvinder, sparer behandlingstid.`
          : `${i.categoryName.en}: ${n(d.smallOrders ?? 0, l)} invoices a year under ${n(i.smallOrderLimit, l)} DKK, ${kr(i.annualSpend, l)} in all (${pct(share, l)} of the category's invoices). ` +
            `Bundle them into fewer, larger orders or buy through e-commerce: every invoice removed saves handling time.`;
      });
    case 'price-variance':
      return both((l) => {
        const items = d.items ?? [];
        const top = items[0];
        const overpaid = items.reduce((sum, it) => sum + it.overpaid, 0);
        const example = top
          ? l === 'da'
            ? ` (fx "${top.itemName ?? top.itemNumber}": ${price(top.minPrice, l)}–${price(top.maxPrice, l)} kr. hos ${n(top.units, l)} enheder)`
            : ` (e.g. "${top.itemName ?? top.itemNumber}": ${price(top.minPrice, l)}–${price(top.maxPrice, l)} DKK across ${n(top.units, l)} units)`
          : '';
        return l === 'da'
          ? `${i.categoryName.da}: ${n(items.length, l)} ${items.length === 1 ? 'vare' : 'varer'} med samme varenummer købes til forskellige enhedspriser${example}. ` +
            `Aftal én pris (den laveste) for alle enheder; ${kr(overpaid, l)} om året er betalt over den laveste pris.`
          : `${i.categoryName.en}: ${n(items.length, l)} item${items.length === 1 ? '' : 's'} with the same item number bought at different unit prices${example}. ` +
            `Agree one price (the lowest) for all units; ${kr(overpaid, l)} a year was paid above the lowest price.`;
      });
  }
}

export interface AssumptionInput {
  kind: OpportunityKind;
  retender?: boolean;
  rates: SavingsRates;
  window: AnalysisWindow;
  thresholdEstimate: boolean;
  thresholdSource: string | null;
  hasContracts: boolean;
}

export function assumptionsFor(a: AssumptionInput): Text[] {
  const out: Text[] = [];
  const p = (v: number) => formatNumber(v * 100, 'da');
  const pe = (v: number) => formatNumber(v * 100, 'en');
  const w = a.window;
  out.push({
    da: w.factor === 1
      ? `Årsværdi = de seneste 12 måneder af data (${w.from} – ${w.to}), udbudsloven § 35.`
      : `Årsværdi opregnet fra ${formatNumber(w.months, 'da', 1)} måneders data (${w.from} – ${w.to}) til 12 måneder; et skøn.`,
    en: w.factor === 1
      ? `Annual value = the last 12 months of data (${w.from} – ${w.to}), Public Procurement Act § 35.`
      : `Annual value scaled up from ${formatNumber(w.months, 'en', 1)} months of data (${w.from} – ${w.to}) to 12 months; an estimate.`,
  });
  if (a.kind === 'small-orders') {
    out.push({
      da: `${formatNumber(a.rates.perInvoice, 'da')} kr. sparet pr. faktura, der forsvinder (Hjørring via SKI); ${p(a.rates.invoicesRemoved.low)}/${p(a.rates.invoicesRemoved.base)}/${p(a.rates.invoicesRemoved.high)} % af småordrerne forsvinder (lav/basis/høj).`,
      en: `${formatNumber(a.rates.perInvoice, 'en')} DKK saved per invoice removed (Hjørring via SKI); ${pe(a.rates.invoicesRemoved.low)}/${pe(a.rates.invoicesRemoved.base)}/${pe(a.rates.invoicesRemoved.high)} % of the small orders disappear (low/base/high).`,
    });
    out.push({
      da: 'En procesbesparelse pr. faktura; de samme linjers forbrug kan indgå i en prisbesparelse i en anden mulighed.',
      en: 'A process saving per invoice; the same lines\u2019 spend may count in a price saving of another opportunity.',
    });
  } else if (a.kind === 'price-variance') {
    out.push({
      da: 'Lav = betalt over medianprisen, høj = betalt over den laveste pris, basis = midt imellem; hele perioden, omregnet til et år.',
      en: 'Low = paid above the median price, high = paid above the lowest price, base = halfway; whole period, per year.',
    });
  } else if (a.retender) {
    out.push({
      da: `Et genudbud holder kategorien på aftale; priserne følger markedet, så besparelsen er usikker: 0 kr. (lav og basis), højst ${p(a.rates.low)} % af forbruget (høj); et skøn.`,
      en: `A re-tender keeps the category on an agreement; prices follow the market, so the saving is uncertain: nothing (low and base), at most ${pe(a.rates.low)} % of the spend (high); an estimate.`,
    });
  } else {
    out.push({
      da: `Besparelse ${p(a.rates.low)}/${p(a.rates.base)}/${p(a.rates.high)} % (lav/basis/høj) af det forbrug, der flytter (erfaringstal, SKI og KL); et skøn.`,
      en: `Saving ${pe(a.rates.low)}/${pe(a.rates.base)}/${pe(a.rates.high)} % (low/base/high) of the spend that moves (SKI and KL experience); an estimate.`,
    });
  }
  if (a.thresholdEstimate) {
    out.push({ da: `Tærskelværdien i kroner er et skøn: ${a.thresholdSource ?? ''}`.trim(), en: `The threshold in DKK is an estimate: ${a.thresholdSource ?? ''}`.trim() });
  }
  if (!a.hasContracts && (a.kind === 'tender' || a.kind === 'consolidate')) {
    out.push({
      da: 'Ingen aftaleoversigt er indlæst: forbrug med aftale kan ikke skilles fra.',
      en: 'No contract register is loaded: spend on an agreement cannot be told apart.',
    });
  }
  return out;
}
