/**
 * OIOUBL 2.x and Peppol BIS 3 invoices and credit notes to a ParsedTable. Pure TypeScript over
 * fast-xml-parser and fflate, so it runs in a Web Worker (which has no DOMParser) and in Node.
 */
export { isUblXml, isZip } from './decode.js';
export { UBL_COLUMNS, type UblColumn } from './document.js';
export { parseUblDocuments, parseUblZip, type UblFile } from './parse.js';
