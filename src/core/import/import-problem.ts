/**
 * Why a file cannot be imported at all, as a code with parameters; the UI words it in the user's
 * language (src/ui/i18n/screens/import-problems.ts) and the command line in Danish. The engine's
 * or parser's own words, when there are any, go in `detail`, shown only behind "Detaljer".
 */
export type ProblemCode =
  | 'empty_file'
  | 'header_only'
  | 'no_rows'
  | 'not_text'
  | 'pdf'
  | 'old_excel'
  | 'encrypted_office'
  | 'compressed'
  | 'too_large'
  | 'xml_doctype'
  | 'xml_invalid'
  | 'not_invoice'
  | 'zip_invalid'
  | 'zip_entries'
  | 'zip_ratio'
  | 'zip_size'
  | 'xlsx_invalid'
  | 'parser_crashed'
  | 'import_failed';

export type ProblemParams = Record<string, string | number>;

export class ImportProblem extends Error {
  override name = 'ImportProblem';
  constructor(
    readonly code: ProblemCode,
    readonly file: string,
    readonly params: ProblemParams = {},
    readonly detail?: string,
  ) {
    super(`${file}: ${code}${detail ? ` (${detail})` : ''}`);
  }
}

/** The plain-data form, for crossing a worker boundary. */
export interface ProblemData {
  code: ProblemCode;
  file: string;
  params: ProblemParams;
  detail?: string;
}

export function problemData(problem: ImportProblem): ProblemData {
  return { code: problem.code, file: problem.file, params: problem.params, detail: problem.detail };
}

export function fromProblemData(data: ProblemData): ImportProblem {
  return new ImportProblem(data.code, data.file, data.params, data.detail);
}

/** Something noticed about a file that the person should know before loading it. */
export interface PlanNote {
  code: 'encoding_windows1252' | 'encoding_utf16' | 'bad_bytes' | 'mixed_newlines' | 'header_below' | 'ragged_padded' | 'quotes_as_text' | 'merged_cells' | 'hidden_sheets';
  params: ProblemParams;
}
