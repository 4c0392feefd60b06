/**
 * Dates as integer days since 1970-01-01. The generator handles millions of dates; plain integer
 * arithmetic is faster than Date objects and cannot drift with the machine's time zone.
 */

export interface Civil {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** Howard Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Howard Hinnant's civil_from_days. */
export function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** ISO 8601 week number, as Danish invoices write "uge 12". */
export function isoWeek(days: number): number {
  const thursday = days - weekday(days) + 3;
  const { year } = civilFromDays(thursday);
  const firstThursday = daysFromCivil(year, 1, 4);
  const weekOneThursday = firstThursday - weekday(firstThursday) + 3;
  return 1 + Math.floor((thursday - weekOneThursday) / 7);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'dd-mm-yyyy' (separator '-') or 'dd.mm.yyyy' (separator '.'). */
export function formatDanishDate(days: number, separator: '-' | '.'): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad2(day)}${separator}${pad2(month)}${separator}${year}`;
}

export function formatIsoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Excel's serial day number (1900 date system; 1899-12-30 is day 0 because of Lotus' leap-year bug). */
export function excelSerial(days: number): number {
  return days + 25569;
}

export const MONTHS_DA = [
  'januar', 'februar', 'marts', 'april', 'maj', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'december',
] as const;

export const MONTHS_DA_SHORT = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'] as const;

/** The two calendar years the demo municipality covers. */
export const PERIOD_FIRST_DAY = daysFromCivil(2024, 1, 1);
export const PERIOD_LAST_DAY = daysFromCivil(2025, 12, 31);
export const YEARS = [2024, 2025] as const;

export type Season = 'flat' | 'std' | 'heat' | 'power' | 'grounds' | 'school' | 'yearend' | 'summer' | 'travel';

/**
 * Relative activity per month (Jan..Dec), normalised to mean 1 so a category's yearly volume does
 * not depend on its profile. 'std' is the general rhythm of a municipality: holidays in July, the
 * year-end rush to spend the budget in December.
 */
const RAW_SEASONS: Record<Season, readonly number[]> = {
  flat: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  std: [1.0, 0.97, 1.04, 0.98, 1.0, 1.0, 0.58, 0.95, 1.05, 1.05, 1.1, 1.5],
  heat: [1.9, 1.7, 1.4, 1.0, 0.6, 0.35, 0.3, 0.35, 0.6, 1.0, 1.4, 1.75],
  power: [1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25],
  grounds: [1.1, 0.9, 0.8, 1.2, 1.5, 1.4, 0.9, 1.2, 1.1, 0.9, 0.6, 1.0],
  school: [1.2, 1.0, 1.0, 0.9, 0.9, 1.0, 0.3, 1.6, 1.2, 1.0, 1.0, 1.1],
  yearend: [0.8, 0.9, 1.0, 0.9, 0.9, 0.9, 0.5, 1.2, 1.0, 1.0, 1.3, 2.3],
  summer: [0.7, 0.7, 0.9, 1.1, 1.3, 1.3, 0.9, 1.3, 1.2, 1.1, 0.9, 1.2],
  travel: [0.8, 1.1, 1.2, 1.1, 1.1, 1.0, 0.3, 0.8, 1.3, 1.3, 1.3, 0.6],
};

export const SEASONS: Record<Season, Float64Array> = Object.fromEntries(
  Object.entries(RAW_SEASONS).map(([name, values]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return [name, Float64Array.from(values, (v) => v / mean)];
  }),
) as Record<Season, Float64Array>;

/** Invoices are dated on working days; a few on weekends and almost none on Christmas and New Year. */
export function dayActivity(days: number): number {
  const { month, day } = civilFromDays(days);
  if ((month === 12 && day >= 24 && day <= 26) || (month === 1 && day === 1)) return 0.05;
  const wd = weekday(days);
  return wd === 5 ? 0.06 : wd === 6 ? 0.03 : 1;
}
