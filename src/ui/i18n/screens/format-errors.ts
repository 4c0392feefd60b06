/**
 * A file its parser cannot read (core/import/format-error.ts), by the reason's code. The Danish texts
 * are the parsers' own messages (which the command line prints) after the file's name; a test keeps
 * them the same.
 */
const da = {
  'format.xlsx_old_or_protected': '{file}: Filen er en gammel Excel-fil (.xls) eller beskyttet med adgangskode. Gem den som .xlsx uden adgangskode.',
  'format.xlsx_not_excel': '{file}: Filen er ikke en Excel-fil (.xlsx).',
  'format.xlsx_truncated': '{file}: Excel-filen er ufuldstændig: slutningen af filen mangler (måske blev den ikke hentet eller kopieret helt). Hent eller gem den igen.',
  'format.xlsx_damaged': '{file}: Excel-filen er beskadiget og kan ikke læses ({detail}).',
  'format.xlsx_no_sheets': '{file}: Excel-filen har ingen regneark.',
  'format.xlsx_no_such_sheet': '{file}: Arket "{sheet}" findes ikke (filen har {names}).',
  'format.xlsx_no_sheet_number': '{file}: Arket nr. {n} findes ikke (filen har {names}).',
  'format.xlsx_sheet_missing': '{file}: Excel-filen er beskadiget (arket "{sheet}" mangler).',
  'format.xlsx_not_workbook': '{file}: Filen er ikke en Excel-projektmappe (xl/workbook.xml mangler).',
  'format.zip_part_missing': '{file}: Excel-filen er beskadiget (delen {part} kan ikke findes).',
  'format.zip_method': '{file}: Excel-filen bruger en ukendt komprimering (metode {method}).',
  'format.zip_part_too_large': '{file}: Excel-filen er beskadiget (delen {part} fylder mere, end filen angiver).',
  'format.parquet_not': '{file}: Filen er ikke en Parquet-fil.',
  'format.parquet_damaged': '{file}: Parquet-filen er beskadiget og kan ikke læses ({detail}).',
  'format.parquet_codec': '{file}: Parquet-filen bruger komprimeringen {codec}, som Overblik ikke kan læse i browseren – brug kommandolinjeværktøjet eller gem filen med Snappy.',
  'format.parquet_unreadable': '{file}: Parquet-filen kunne ikke læses ({detail}).',
  'format.ubl_xml': '{file}: {name} er ikke en OIOUBL/Peppol-faktura eller kreditnota (ugyldig XML i linje {line}: {detail})',
  'format.ubl_xml_root': '{file}: {name} er ikke en OIOUBL/Peppol-faktura eller kreditnota (ugyldig XML: dokumentet skal have præcis ét rodelement)',
  'format.ubl_charset': "{file}: {name} bruger tegnsættet '{charset}', som ikke understøttes",
  'format.ubl_root': '{file}: {name} er ikke en OIOUBL/Peppol-faktura eller kreditnota (rodelement: {root})',
  'format.ubl_root_namespace': '{file}: {name} er ikke en OIOUBL/Peppol-faktura eller kreditnota (rodelement: {root} i navnerummet {namespace})',
  'format.ubl_zip': '{file}: {name} er ikke en gyldig ZIP-fil (ingen ZIP-indholdsfortegnelse)',
  'format.ubl_none': '{file}: {name} indeholder ingen OIOUBL/Peppol-fakturaer eller kreditnotaer',
  'format.ubl_none_skipped': '{file}: {name} indeholder ingen OIOUBL/Peppol-fakturaer eller kreditnotaer; {n} filer sprunget over',
};

const en: Record<keyof typeof da, string> = {
  'format.xlsx_old_or_protected': '{file} is an old Excel file (.xls) or protected with a password. Save it as .xlsx without a password.',
  'format.xlsx_not_excel': '{file} is not an Excel file (.xlsx).',
  'format.xlsx_truncated': '{file} is incomplete: the end of the file is missing (perhaps it was not fully downloaded or copied). Download or save it again.',
  'format.xlsx_damaged': '{file} is a damaged Excel file and cannot be read ({detail}).',
  'format.xlsx_no_sheets': '{file} has no sheets.',
  'format.xlsx_no_such_sheet': '{file} has no sheet "{sheet}" (it has {names}).',
  'format.xlsx_no_sheet_number': '{file} has no sheet number {n} (it has {names}).',
  'format.xlsx_sheet_missing': '{file} is a damaged Excel file (the sheet "{sheet}" is missing).',
  'format.xlsx_not_workbook': '{file} is not an Excel workbook (xl/workbook.xml is missing).',
  'format.zip_part_missing': '{file} is a damaged Excel file (the part {part} cannot be found).',
  'format.zip_method': '{file} uses an unknown compression (method {method}).',
  'format.zip_part_too_large': '{file} is a damaged Excel file (the part {part} unpacks to more than the file declares).',
  'format.parquet_not': '{file} is not a Parquet file.',
  'format.parquet_damaged': '{file} is a damaged Parquet file and cannot be read ({detail}).',
  'format.parquet_codec': '{file} uses the compression {codec}, which Overblik cannot read in the browser – use the command line tool or save the file with Snappy.',
  'format.parquet_unreadable': '{file}: the Parquet file could not be read ({detail}).',
  'format.ubl_xml': '{file}: {name} is not an OIOUBL/Peppol invoice or credit note (invalid XML on line {line}: {detail})',
  'format.ubl_xml_root': '{file}: {name} is not an OIOUBL/Peppol invoice or credit note (invalid XML: the document must have exactly one root element)',
  'format.ubl_charset': "{file}: {name} uses the character set '{charset}', which is not supported",
  'format.ubl_root': '{file}: {name} is not an OIOUBL/Peppol invoice or credit note (root element: {root})',
  'format.ubl_root_namespace': '{file}: {name} is not an OIOUBL/Peppol invoice or credit note (root element: {root} in the namespace {namespace})',
  'format.ubl_zip': '{file}: {name} is not a valid ZIP file (no ZIP directory)',
  'format.ubl_none': '{file}: {name} holds no OIOUBL/Peppol invoices or credit notes',
  'format.ubl_none_skipped': '{file}: {name} holds no OIOUBL/Peppol invoices or credit notes; {n} files skipped',
};

export default { da, en };
