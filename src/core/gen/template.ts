import { civilFromDays, isoWeek, MONTHS_DA, MONTHS_DA_SHORT } from './calendar.js';
import type { Random } from './prng.js';
import type { OrgUnit } from './types.js';

/**
 * Invoice-text templates. `{a|b|c}` picks one alternative (an empty one makes the part optional);
 * `{MONTH}`, `{WEEK}` ... are slots filled from the invoice (its date, unit, a citizen reference).
 * Templates are compiled once so rendering a line is a walk over a few parts.
 */

const SLOTS = [
  'MONTH', 'WEEK', 'YEAR', 'QTR', 'PERIOD', 'ADDR', 'NR', 'CITIZEN', 'PLATE', 'NAME', 'GSRN', 'UNIT',
  // Other finance systems' habits (used by profiles other than Demo Kommune).
  'MMYYYY', 'YYYYMM', 'MONTHNAME', 'DATE', 'CASE',
] as const;
type Slot = (typeof SLOTS)[number];
const SLOT_SET: ReadonlySet<string> = new Set(SLOTS);

type Part = { kind: 'text'; text: string } | { kind: 'choice'; options: string[] } | { kind: 'slot'; slot: Slot };

export interface Template {
  source: string;
  parts: Part[];
  hasCitizen: boolean;
  /** True when the text names a period or case, so it differs from invoice to invoice. */
  dynamic: boolean;
}

export function compileTemplate(source: string): Template {
  const parts: Part[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m.index > last) parts.push({ kind: 'text', text: source.slice(last, m.index) });
    const body = m[1]!;
    if (SLOT_SET.has(body)) parts.push({ kind: 'slot', slot: body as Slot });
    else parts.push({ kind: 'choice', options: body.split('|') });
    last = m.index + m[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  const slots = parts.filter((p): p is { kind: 'slot'; slot: Slot } => p.kind === 'slot').map((p) => p.slot);
  return {
    source,
    parts,
    hasCitizen: slots.includes('CITIZEN'),
    dynamic: slots.some((s) => s !== 'UNIT'),
  };
}

/** The names a profile's texts draw from (addresses, people). */
export interface SlotWords {
  streets: readonly string[];
  firstNames: readonly string[];
  surnames: readonly string[];
}

export interface RenderContext {
  rng: Random;
  words: SlotWords;
  day: number;
  unit: OrgUnit;
  /** A CPR number to write where the text refers to a citizen; null for other references. */
  cpr: string | null;
  /** Set by the renderer when the CPR number was written. */
  cprUsed: boolean;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function digits(rng: Random, count: number): string {
  let out = String(rng.int(1, 9));
  for (let i = 1; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVXYZ';

function renderSlot(slot: Slot, ctx: RenderContext): string {
  const { rng, words } = ctx;
  const { year, month, day } = civilFromDays(ctx.day);
  switch (slot) {
    case 'MONTH': {
      const v = rng.int(0, 4);
      if (v === 0) return `${MONTHS_DA_SHORT[month - 1]} ${year}`;
      if (v === 1) return `${MONTHS_DA[month - 1]} ${year}`;
      if (v === 2) return `${pad2(month)}/${year}`;
      if (v === 3) return `${MONTHS_DA[month - 1]}`;
      return `${MONTHS_DA_SHORT[month - 1]} ${String(year).slice(2)}`;
    }
    case 'WEEK':
      return String(isoWeek(ctx.day));
    case 'YEAR':
      return String(year);
    case 'QTR': {
      const q = Math.floor((month - 1) / 3) + 1;
      return rng.pick([`${q}. kvt. ${year}`, `Q${q} ${year}`, `${q}. kvartal ${year}`]);
    }
    case 'PERIOD': {
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const yy = String(year).slice(2);
      return rng.chance(0.5)
        ? `01.${pad2(month)}.${year}-${lastDay}.${pad2(month)}.${year}`
        : `01.${pad2(month)}.${yy} - ${lastDay}.${pad2(month)}.${yy}`;
    }
    case 'ADDR':
      return `${rng.pick(words.streets)} ${rng.int(1, 140)}`;
    case 'NR':
      return digits(rng, rng.int(4, 6));
    case 'CITIZEN': {
      if (ctx.cpr) {
        ctx.cprUsed = true;
        return rng.pick(['vedr. ', 'cpr ', 'CPR-nr. ', '']) + ctx.cpr;
      }
      const v = rng.int(0, 4);
      if (v === 0) return `borger ${rng.pick(words.firstNames)[0]}.${rng.pick(words.surnames)[0]}.`;
      if (v === 1) return `sag ${String(year).slice(2)}-${digits(rng, 4)}`;
      if (v === 2) return `bevilling ${digits(rng, 5)}`;
      if (v === 3) return `j.nr. 27.${pad2(rng.int(10, 40))}.00-${digits(rng, 4)}`;
      return '';
    }
    case 'PLATE':
      return `${rng.pick([...LETTERS])}${rng.pick([...LETTERS])} ${rng.int(10, 99)} ${rng.int(100, 999)}`;
    case 'NAME':
      return `${rng.pick(words.firstNames)} ${rng.pick(words.surnames)}`;
    case 'GSRN':
      return `571313${digits(rng, 12)}`;
    case 'UNIT':
      return ctx.unit.label;
    case 'MMYYYY':
      return `${pad2(month)}.${year}`;
    case 'YYYYMM':
      return `${year}-${pad2(month)}`;
    case 'MONTHNAME':
      return MONTHS_DA[month - 1]!;
    case 'DATE':
      return `${pad2(day)}.${pad2(month)}.${year}`;
    case 'CASE': {
      // A case reference as a social-services system writes it; the CPR number where there is one.
      if (ctx.cpr) {
        ctx.cprUsed = true;
        return rng.pick(['cpr.nr. ', 'CPR: ', 'borger ', '']) + ctx.cpr;
      }
      const v = rng.int(0, 4);
      if (v === 0) return `sagsnr. ${year}-${digits(rng, 5)}`;
      if (v === 1) return `bev.nr. ${digits(rng, 6)}`;
      if (v === 2) return `(${rng.pick(words.firstNames)[0]}${rng.pick(words.surnames)[0]})`;
      if (v === 3) return `journal ${digits(rng, 4)}/${String(year).slice(2)}`;
      return '';
    }
  }
}

export function renderTemplate(template: Template, ctx: RenderContext): string {
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'choice') out += part.options.length === 1 ? part.options[0]! : ctx.rng.pick(part.options);
    else out += renderSlot(part.slot, ctx);
  }
  // Empty alternatives leave doubled or dangling spaces behind.
  return out.replace(/ {2,}/g, ' ').replace(/ ([,.)])/g, '$1').trim();
}
