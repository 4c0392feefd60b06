import { closestItem, CREDIT_SHARE, priceLine, priceSmall, type Calibration, yearFactor } from './amounts.js';
import { civilFromDays, PERIOD_FIRST_DAY, weekday } from './calendar.js';
import { type Catalog, unitPrice } from './catalogs.js';
import { ALTERNATIVE_ART } from './categories.js';
import { corruptCvr, makeCpr } from './ids.js';
import { CPR_LINE_SHARE, EUR_DOC_SHARE, EUR_RATE_DKK, SMALL_ORDER_LIMIT_KR } from './planted.js';
import type { Random } from './prng.js';
import { renderTemplate, type RenderContext } from './template.js';
import type { CatalogItem, Document, InvoiceLine, OrderLine, OrgUnit, Supplier, UnitCode } from './types.js';
import type { VocabItem } from './vocab/index.js';
import { catalogKey, type CategoryRuntime, type ForcedDoc, type World } from './world.js';

/**
 * Builds one invoice (and its e-commerce order, when it was ordered that way): supplier, unit,
 * lines with items, quantities and amounts, and the supplier's CVR and name as this particular
 * invoice spells them.
 */

const MISSING_CVR = 0.03;
const INVALID_CVR = 0.003;
const SPACED_CVR = 0.002;
const NAME_VARIANT = 0.2;
const WRONG_ART = 0.03;
const MAX_LINES = 40;

export interface DocRequest extends Partial<ForcedDoc> {
  day: number;
  categoryId: string;
  /** An e-commerce order placed now but invoiced after the period: only order lines. */
  orderOnly?: boolean;
}

interface Item {
  name: string;
  vocab: VocabItem | null;
  catalog: CatalogItem | null;
  unitCode: UnitCode;
  unspsc: string;
  art: string | null;
  priceMinor: number;
}

interface Balance {
  wanted: number;
  written: number;
}

/**
 * Keeps each supplier's spend in a category on its calibrated course. Goods cannot be bought in
 * fractions, so a small target for an expensive item overshoots (one laptop, not a fifth of one);
 * the next targets are scaled down by how far the written amounts ran ahead of the wanted ones,
 * which steers the choice towards cheaper items and smaller quantities.
 */
class SpendFeedback {
  private readonly balances = new Map<string, Balance>();

  balance(supplier: Supplier, categoryId: string): Balance {
    const key = `${supplier.index}|${categoryId}`;
    let b = this.balances.get(key);
    if (!b) this.balances.set(key, (b = { wanted: 0, written: 0 }));
    return b;
  }

  factor(b: Balance): number {
    if (b.written <= 0) return 1;
    return Math.min(1.5, Math.max(0.05, b.wanted / b.written));
  }

  record(b: Balance, wanted: number, written: number): void {
    b.wanted += wanted;
    b.written += written;
  }
}

export class DocumentFactory {
  private readonly feedback = new SpendFeedback();
  private docNo: number;
  private orderNo = 4_500_100_000;

  constructor(
    private readonly world: World,
    private readonly calibration: Map<string, Calibration>,
    private readonly rng: Random,
  ) {
    this.docNo = world.profile.firstDocNo;
  }

  make(req: DocRequest): Document {
    const { rng, world } = this;
    const { profile } = world;
    const cat = world.categories.get(req.categoryId)!;
    const cal = this.calibration.get(req.categoryId)!;
    const supplier = req.supplier ?? cat.suppliers.picker.pick(rng);
    const unit = req.unit ?? cat.units.pick(rng);
    const catalog = world.catalogs.get(catalogKey(supplier, req.categoryId)) ?? null;
    const plantedItem = req.plantedItem ? catalog?.items.find((it) => it.planted === req.plantedItem) ?? null : null;
    const small = !plantedItem && !req.orderOnly && (req.small ?? (cal.smallShare > 0 && rng.chance(cal.smallShare)));
    const credit = !small && !plantedItem && !req.orderOnly && !req.cpr && rng.chance(CREDIT_SHARE);
    const ecom = !!catalog && !small && !credit && (!!plantedItem || !!req.orderOnly || rng.chance(cat.spec.ecom ?? 0));
    const eur = req.eur ?? (profile.eurCategories.includes(req.categoryId) && rng.chance(EUR_DOC_SHARE));
    const { year } = civilFromDays(req.day);
    const count = small ? 1 : Math.min(MAX_LINES, 1 + rng.geometric(cal.perDoc - 1));
    const cprCategory = profile.cprCategories.includes(req.categoryId);
    const balance = this.feedback.balance(supplier, req.categoryId);

    const lines: InvoiceLine[] = [];
    const picked: (CatalogItem | null)[] = [];
    for (let n = 0; n < count; n++) {
      const wanted = rng.lognormalMean(cal.meanMinor * yearFactor(year), cat.spec.sigma);
      const target = small ? rng.int(2000, (SMALL_ORDER_LIMIT_KR - 10) * 100) : wanted * this.feedback.factor(balance);
      const useCatalog = ecom || (catalog !== null && rng.chance(0.6));
      const item = n === 0 && plantedItem ? this.fromCatalog(plantedItem, unit) : this.pickItem(cat, supplier, useCatalog ? catalog : null, picked, unit, target, small);
      picked.push(item.catalog);
      const priced = small ? priceSmall(item.unitCode, item.priceMinor, target) : priceLine(rng, item.unitCode, item.priceMinor, target);
      if (!small) this.feedback.record(balance, wanted, priced.amountMinor);
      const cpr = cprCategory && (req.cpr ? n === 0 : rng.chance(CPR_LINE_SHARE)) ? makeCpr(rng) : null;
      const ctx: RenderContext = { rng, words: profile.words, day: req.day, unit, cpr, cprUsed: false };
      let base = item.vocab ? renderTemplate(item.vocab.template, ctx) : item.name;
      if (cpr && !ctx.cprUsed) base = `${base} vedr. ${cpr}`;
      const text = profile.invoiceText({
        rng, base, style: supplier.style, itemNo: item.catalog?.itemNo ?? '', credit, keepWhole: cpr !== null, day: req.day,
      });
      const art = item.art ?? (rng.chance(WRONG_ART) ? ALTERNATIVE_ART[cat.spec.art] ?? cat.spec.art : cat.spec.art);
      const sign = credit ? -1 : 1;
      let { priceMinor, amountMinor } = priced;
      if (eur) {
        priceMinor = Math.max(1, Math.round(priceMinor / EUR_RATE_DKK));
        amountMinor = Math.round((priced.qtyHundredths * priceMinor) / 100);
      }
      lines.push({
        row: 0,
        lineNo: n + 1,
        art,
        account: `${unit.fn}-${art}`,
        text,
        qtyHundredths: sign * priced.qtyHundredths,
        priceMinor,
        amountMinor: sign * amountMinor,
        categoryId: req.categoryId,
        unspsc: item.unspsc,
        unitCode: item.unitCode,
        itemNo: item.catalog?.itemNo ?? '',
        ...(item.vocab?.generic ? { generic: true } : {}),
      });
    }
    const orderLines: OrderLine[] = ecom
      ? lines.map((l, i) => ({
          row: 0,
          itemNo: l.itemNo,
          itemName: picked[i]?.name ?? l.text,
          unspsc: l.unspsc,
          unitCode: l.unitCode,
          qtyHundredths: l.qtyHundredths,
          priceMinor: l.priceMinor,
          amountMinor: l.amountMinor,
          categoryId: l.categoryId,
          planted: picked[i]?.planted,
        }))
      : [];
    return {
      docNo: req.orderOnly ? '' : String((this.docNo += this.rng.int(1, 3))),
      credit,
      supplier,
      cvrText: this.cvrText(supplier),
      supplierName: supplier.variants.length > 0 && !supplier.clean && rng.chance(NAME_VARIANT) ? rng.pick(supplier.variants) : supplier.name,
      unit,
      categoryId: req.categoryId,
      invoiceDay: req.day,
      postingDay: this.postingDay(req.day),
      currency: eur ? 'EUR' : 'DKK',
      orderNo: ecom ? String((this.orderNo += rng.int(1, 4))) : '',
      // Ordered a few days before the invoice, but not before the period the export covers.
      orderDay: ecom ? Math.max(PERIOD_FIRST_DAY, req.day - (req.orderOnly ? 0 : rng.int(1, 10))) : 0,
      lines: req.orderOnly ? [] : lines,
      orderLines,
    };
  }

  private fromCatalog(item: CatalogItem, unit: OrgUnit): Item {
    return { name: item.name, vocab: null, catalog: item, unitCode: item.unitCode, unspsc: item.unspsc, art: null, priceMinor: unitPrice(item, unit, this.world.seed) };
  }

  private pickItem(
    cat: CategoryRuntime, supplier: Supplier, catalog: Catalog | null, taken: readonly (CatalogItem | null)[], unit: OrgUnit, target: number, small: boolean,
  ): Item {
    const { rng } = this;
    if (catalog && !small) {
      // One invoice lists an item once: draw again (a few times) when it is already on it.
      let item = closestItem(rng, () => catalog.picker.pick(rng), target);
      for (let tries = 0; tries < 3 && taken.includes(item); tries++) item = closestItem(rng, () => catalog.picker.pick(rng), target);
      return this.fromCatalog(item, unit);
    }
    const pool = small && cat.cheap.length > 0 ? cat.cheap : cat.vocab;
    const picker = cat.vocabPicker;
    const draw = !small && picker ? () => picker.pick(rng) : () => rng.pick(pool);
    const vocab = small ? rng.pick(pool) : closestItem(rng, draw, target);
    // Lump sums follow the target; priced goods and hours follow the supplier's price level.
    const price = vocab.unitCode === 'LS' ? vocab.priceMinor : vocab.priceMinor * supplier.priceLevel * (0.95 + rng.next() * 0.1);
    return { name: '', vocab, catalog: null, unitCode: vocab.unitCode, unspsc: vocab.unspsc, art: vocab.art, priceMinor: price };
  }

  private cvrText(supplier: Supplier): string {
    if (supplier.clean) return supplier.cvr;
    const r = this.rng.next();
    if (r < MISSING_CVR) return '';
    if (r < MISSING_CVR + INVALID_CVR) return corruptCvr(this.rng, supplier.cvr);
    if (r < MISSING_CVR + INVALID_CVR + SPACED_CVR) return `${supplier.cvr.slice(0, 4)} ${supplier.cvr.slice(4)}`;
    return this.rng.chance(supplier.style.dkPrefix) ? `DK${supplier.cvr}` : supplier.cvr;
  }

  /** Booked a few working days after the invoice date. */
  private postingDay(day: number): number {
    let d = day + this.rng.int(1, 12);
    while (weekday(d) >= 5) d++;
    return d;
  }
}
