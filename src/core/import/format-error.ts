/**
 * A file a parser cannot read, with the reason as a code and its values, so the app says it in the
 * person's language (src/ui/i18n/screens/format-errors.ts); the message is the Danish text (the command
 * line and logs). The reason crosses the parse worker as data (worker-protocol.ts).
 */
export type FormatCode =
  | 'xlsx_old_or_protected' | 'xlsx_not_excel' | 'xlsx_truncated' | 'xlsx_damaged' | 'xlsx_no_sheets' | 'xlsx_no_such_sheet' | 'xlsx_no_sheet_number'
  | 'xlsx_sheet_missing' | 'xlsx_not_workbook' | 'zip_part_missing' | 'zip_method' | 'zip_part_too_large'
  | 'parquet_not' | 'parquet_damaged' | 'parquet_codec' | 'parquet_unreadable'
  | 'ubl_xml' | 'ubl_xml_root' | 'ubl_charset' | 'ubl_root' | 'ubl_root_namespace' | 'ubl_zip' | 'ubl_none' | 'ubl_none_skipped';

export interface FormatReason {
  code: FormatCode;
  params?: Record<string, string | number>;
}

export class FormatError extends Error {
  constructor(message: string, readonly reason?: FormatReason) {
    super(message);
  }
}

/** The reason of a format error, also one rebuilt from the worker (name, message and reason only). */
export function formatReasonOf(error: unknown): FormatReason | undefined {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return reason && typeof reason === 'object' && typeof (reason as FormatReason).code === 'string' ? (reason as FormatReason) : undefined;
}
