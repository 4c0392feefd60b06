import type { CategoryAgreementState } from './agreement-state.js';
import type { CategoryStats } from './stats.js';
import type { OpportunityKind, OpportunityRules, Retender, SavingsRates, ThresholdRule } from './types.js';

/**
 * The rules that turn one category's figures into opportunities (docs/analysis.md, "Kinds and
 * rules"). Pure: figures in, candidates out; find.ts adds who is involved and the texts.
 */

export interface Decision {
  kind: OpportunityKind;
  spendMoving: number;
  low: number;
  base: number;
  high: number;
  /** The threshold the category was measured against (tender and consolidate). */
  threshold?: { dkk: number; rule: ThresholdRule };
  retender?: Retender;
}

export interface CategoryContext {
  /** Window → annual spend. */
  factor: number;
  /** The EU threshold of the category's regime, DKK (infinite when the table has none). */
  euThreshold: number;
  /** Works only: tilbudsloven's licitation and informal-bid thresholds (null for other regimes). */
  works: { licitation: number; bids: number } | null;
  hasContracts: boolean;
  /** Tender and consolidate pool volume; only for categories whose sourcing is `pooled`. */
  pooled: boolean;
  agreements: CategoryAgreementState | undefined;
}

export function decide(s: CategoryStats, ctx: CategoryContext, rules: OpportunityRules, rates: SavingsRates): Decision[] {
  const out: Decision[] = [];
  const value = s.value * ctx.factor;
  const pct = (kind: OpportunityKind, moving: number, extra: Partial<Decision> = {}) =>
    out.push({ kind, spendMoving: moving, low: moving * rates.low, base: moving * rates.base, high: moving * rates.high, ...extra });
  const off = s.offAgreement * ctx.factor;
  if (off > 0 && off >= rules.agreementMinAnnual && off >= rules.agreementMinShare * value) pct('agreement', off);
  const retender = ctx.agreements?.retender ?? null;
  if (ctx.pooled && retender) {
    // Re-tendering keeps the category on an agreement; prices move with the market, so the
    // estimate is modest: nothing in the low and base cases, the low rate at best.
    const moving = s.retenderBase * ctx.factor;
    if (moving > 0) {
      const rule: ThresholdRule = ctx.works && value < ctx.euThreshold ? 'works-licitation' : 'eu';
      out.push({
        kind: 'tender', spendMoving: moving, low: 0, base: 0, high: moving * rates.low, retender,
        threshold: { dkk: rule === 'eu' ? ctx.euThreshold : ctx.works!.licitation, rule },
      });
    }
  } else if (ctx.pooled && !ctx.agreements?.coveredAtEnd) {
    const noAgreement = s.noAgreement * ctx.factor;
    const national = ctx.works && value < ctx.euThreshold ? ctx.works : null;
    const threshold = national ? national.licitation : ctx.euThreshold;
    if (noAgreement > 0 && value >= threshold) {
      const material = noAgreement >= Math.min(rules.tenderMinNoAgreementShare * value, threshold);
      // Without a register every line looks agreement-less: then only a spread over suppliers counts.
      // Works under the EU threshold: spread over several craftsmen (a licitation under tilbudsloven).
      const spread = s.noAgreementSuppliers80 >= 2;
      if (ctx.hasContracts && !national ? material : material && spread) {
        pct('tender', noAgreement, { threshold: { dkk: threshold, rule: national ? 'works-licitation' : 'eu' } });
      }
    } else if (noAgreement > 0) {
      const moving = s.outsideTop * ctx.factor;
      if (s.noAgreementSuppliers >= rules.consolidateMinSuppliers && s.noAgreementUnits >= rules.consolidateMinUnits && moving >= rules.consolidateMinAnnual) {
        // Works from 300.000 kr.: informal bids (underhåndsbud), at most three or four.
        const bids = national && value >= national.bids;
        pct('consolidate', moving, { threshold: bids ? { dkk: national.bids, rule: 'works-bids' } : { dkk: ctx.euThreshold, rule: 'eu' } });
      }
    }
  }
  const small = s.smallOrders * ctx.factor;
  if (small >= rules.smallOrdersMinAnnual && s.invoices > 0 && s.smallOrders / s.invoices >= rules.smallOrdersMinShare) {
    const removed = rates.invoicesRemoved;
    out.push({
      kind: 'small-orders',
      spendMoving: 0,
      low: small * removed.low * rates.perInvoice,
      base: small * removed.base * rates.perInvoice,
      high: small * removed.high * rates.perInvoice,
    });
  }
  return out;
}
