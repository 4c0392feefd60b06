import { planCsv, type CsvTextPlan } from './csv/plan-csv.js';
import type { TextEncoding } from './csv/text-scan.js';
import { detectFormat, detectSourceRole, fingerprint, headerSignature, type FileFormat, type SourceRole } from './detect.js';
import type { CsvLayout } from './csv-import.js';
import { ImportProblem, type PlanNote } from './import-problem.js';
import type { ParsedTable } from './parsed-table.js';
import { proposeMapping, type Mapping } from './roles.js';
import { detectDateFormats, detectDecimal } from './sniff.js';
import type { ImportSource, Parsers, SheetInfo } from './sources.js';

const HEAD_BYTES = 64 * 1024;

/** Everything the mapping step shows before anything is loaded. */
export interface ImportPlan {
  name: string;
  size: number;
  format: FileFormat;
  encoding: TextEncoding | 'binary';
  fingerprint: string;
  headers: string[];
  sample: (string | null)[][];
  mapping: Mapping;
  role: SourceRole;
  signature: string;
  layout: CsvLayout;
  /** Parsed rows for formats read in JavaScript (kept so the file is parsed once). */
  parsed?: ParsedTable;
  sheets?: SheetInfo[];
  sheet?: number | string;
  /** Currency of the amounts when the file has no currency column (the user may change it). */
  currency?: string;
  /** CSV only: what the whole-file scan found and how the bytes reach DuckDB. */
  text?: CsvTextPlan;
  /** Parser messages (Danish) as they come. */
  warnings: string[];
  /** Things found about the file, as codes the UI words in the user's language. */
  notes: PlanNote[];
}

function layoutFor(values: string[], delimiter = ';'): CsvLayout {
  const dateFormats = detectDateFormats(values);
  // Typed Excel/Parquet cells arrive as ISO text; keep those formats available too.
  for (const f of ['%Y-%m-%d', '%Y-%m-%d %H:%M:%S']) if (!dateFormats.includes(f)) dateFormats.push(f);
  return { delimiter, encoding: 'utf-8', decimal: detectDecimal(values, delimiter), dateFormats, skip: 0 };
}

function parsedPlan(base: Omit<ImportPlan, 'headers' | 'sample' | 'mapping' | 'role' | 'signature' | 'layout' | 'warnings' | 'notes'>, parsed: ParsedTable): ImportPlan {
  const rows = Math.min(parsed.rowCount, 20);
  const sample = Array.from({ length: rows }, (_, r) => parsed.columns.map((c) => c[r] ?? null));
  const values = parsed.columns.flatMap((c) => c.slice(0, 200).filter((v): v is string => v !== null));
  const mapping = proposeMapping(parsed.headers);
  return {
    ...base,
    headers: parsed.headers,
    sample,
    mapping,
    role: base.format.startsWith('ubl') ? 'invoice' : detectSourceRole(parsed.headers, mapping),
    signature: headerSignature(parsed.headers),
    layout: layoutFor(values),
    parsed,
    warnings: [...parsed.warnings],
    notes: [...(parsed.notes ?? [])],
  };
}

/** A table without rows is not imported (an Excel sheet is: the person may pick another sheet). */
function withRows(name: string, parsed: ParsedTable): ParsedTable {
  if (parsed.rowCount === 0) throw new ImportProblem('no_rows', name);
  return parsed;
}

/** Reads enough of a file to propose how to import it; the user confirms or changes the mapping. */
export async function planImport(source: ImportSource, parsers: Parsers, sheet?: number | string): Promise<ImportPlan> {
  try {
    return await planFile(source, parsers, sheet);
  } catch (error) {
    // Parsers that see only bytes raise problems without the file's name.
    if (error instanceof ImportProblem && !error.file) throw new ImportProblem(error.code, source.name, error.params, error.detail);
    throw error;
  }
}

async function planFile(source: ImportSource, parsers: Parsers, sheet?: number | string): Promise<ImportPlan> {
  const head = await source.slice(0, HEAD_BYTES);
  const tail = await source.slice(Math.max(0, source.size - HEAD_BYTES), source.size);
  const format = detectFormat(source.name, head);
  const base = { name: source.name, size: source.size, format, fingerprint: fingerprint(source.size, head, tail) };
  switch (format) {
    case 'csv': {
      const { sniff, text, notes } = await planCsv(source, parsers, head);
      const mapping = proposeMapping(sniff.headers);
      return {
        ...base,
        encoding: text.scan.encoding,
        headers: sniff.headers,
        sample: sniff.sample,
        mapping,
        role: detectSourceRole(sniff.headers, mapping),
        signature: headerSignature(sniff.headers),
        layout: {
          delimiter: sniff.delimiter,
          encoding: 'utf-8',
          decimal: sniff.decimal,
          dateFormats: sniff.dateFormats,
          skip: sniff.skip,
          quote: sniff.quote,
          escape: sniff.escape,
          nullPadding: sniff.nullPadding,
        },
        text,
        warnings: [],
        notes,
      };
    }
    case 'xlsx': {
      const bytes = await source.bytes();
      const sheets = await parsers.listSheets(bytes);
      const parsed = await parsers.xlsx(bytes, sheet);
      const shown = sheet ?? (sheets.find((s) => !s.hidden) ?? sheets[0])?.index ?? 0;
      return { ...parsedPlan({ ...base, encoding: 'binary', sheets, sheet: shown }, parsed) };
    }
    case 'parquet':
      return parsedPlan({ ...base, encoding: 'binary' }, withRows(source.name, await parsers.parquet(await source.bytes())));
    case 'ubl-xml':
    case 'ubl-zip':
      return parsedPlan({ ...base, encoding: 'utf-8' }, withRows(source.name, await parsers.ubl(source.name, await source.bytes(), format === 'ubl-zip')));
  }
}
