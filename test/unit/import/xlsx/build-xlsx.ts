import { strToU8, zipSync } from 'fflate';

/** Builds a small .xlsx in memory from hand-written SpreadsheetML parts. */
export interface SheetSpec {
  name: string;
  /** The rows inside <sheetData>. */
  rows: string;
  dimension?: string;
  /** Parts after <sheetData>, e.g. <mergeCells>. */
  after?: string;
  state?: 'hidden' | 'veryHidden';
}

export interface BookSpec {
  sheets: SheetSpec[];
  /** Raw <si> items. */
  sharedStrings?: string[];
  /** Custom number formats, id → format code. */
  numFmts?: Record<number, string>;
  /** numFmtId of each cellXfs entry (index = the cell's s attribute). */
  cellXfs?: number[];
  date1904?: boolean;
  /** Element prefix for the sheet parts (the .NET OpenXML SDK writes `x:`). */
  prefix?: string;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function buildXlsx(spec: BookSpec): Uint8Array {
  const px = spec.prefix ? `${spec.prefix}:` : '';
  const xmlns = spec.prefix ? `xmlns:${spec.prefix}="${NS}"` : `xmlns="${NS}"`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
  };
  const sheetTags = spec.sheets
    .map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
    .join('');
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}">` +
      `<workbookPr${spec.date1904 ? ' date1904="1"' : ''}/><sheets>${sheetTags}</sheets></workbook>`,
  );
  const rels = spec.sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  rels.push(`<Relationship Id="rIdY" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  spec.sheets.forEach((s, i) => {
    const dim = s.dimension ? `<${px}dimension ref="${s.dimension}"/>` : '';
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${px}worksheet ${xmlns}>${dim}<${px}sheetData>${s.rows}</${px}sheetData>${s.after ?? ''}</${px}worksheet>`,
    );
  });
  const strings = spec.sharedStrings ?? [];
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.join('')}</sst>`,
  );
  const fmts = Object.entries(spec.numFmts ?? {})
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`)
    .join('');
  const xfs = (spec.cellXfs ?? [0]).map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="1">${fmts}</numFmts>` +
      `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs>${xfs}</cellXfs></styleSheet>`,
  );
  return zipSync(files);
}

/** `<row>` with cells given as [ref, attributes, inner XML]. */
export function row(r: number, cells: [string, string, string][]): string {
  const body = cells.map(([ref, attrs, inner]) => `<c r="${ref}${r}"${attrs ? ` ${attrs}` : ''}>${inner}</c>`).join('');
  return `<row r="${r}">${body}</row>`;
}
