/** The files a generation can write, and their names (the same for every profile). */

export const FORMATS = ['csv', 'csv-dot', 'csv-cp1252', 'xlsx', 'oioubl-zip', 'ecommerce', 'contracts'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_FORMATS: readonly Format[] = ['csv', 'ecommerce', 'contracts'];

export const FILE_NAMES: Readonly<Record<Format, string>> = {
  csv: 'fakturalinjer.csv',
  'csv-dot': 'fakturalinjer-punktum.csv',
  'csv-cp1252': 'fakturalinjer-cp1252.csv',
  xlsx: 'fakturalinjer.xlsx',
  'oioubl-zip': 'fakturaer-oioubl.zip',
  ecommerce: 'ehandel.csv',
  contracts: 'kontrakter.csv',
};
export const TRUTH_FILE = 'truth.csv';
export const MANIFEST_FILE = 'manifest.json';
