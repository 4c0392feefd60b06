import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { cleanCvrSql } from '../suppliers/cvr.js';
import { amountSql, dateSql, textSql, type DecimalMark } from './parse-sql.js';
import { normaliseHeader } from './roles.js';

/**
 * Columns of an agreement register (aftaleoversigt, kontraktregister) and the header words that
 * name them. Registers come from contract-management systems, SKI's lists or the purchasing unit's
 * own spreadsheet, so the words vary; none of them carries Overblik's category ids as a rule.
 */
const CONTRACT_SYNONYMS = {
  contractId: ['aftalenr', 'aftaleid', 'aftalenummer', 'kontraktnr', 'kontraktid', 'kontraktnummer', 'contractid', 'contractno', 'contractnumber', 'agreementid', 'id', 'nr'],
  name: ['aftalenavn', 'aftale', 'kontraktnavn', 'kontrakt', 'navn', 'titel', 'aftalebeskrivelse', 'beskrivelse', 'contractname', 'agreement', 'name', 'title', 'description'],
  supplierCvr: ['cvrnr', 'cvr', 'cvrnummer', 'leverandørcvr', 'kreditorcvr', 'suppliercvr', 'vatnumber', 'orgnr'],
  supplierName: ['leverandør', 'leverandørnavn', 'kreditor', 'kreditornavn', 'supplier', 'suppliername', 'vendor', 'leverantör'],
  categoryText: ['kategori', 'kategoriid', 'indkøbskategori', 'kategoritekst', 'område', 'indkøbsområde', 'udbudsområde', 'fagområde', 'varegruppe', 'category', 'categoryid', 'area'],
  code: ['cpv', 'cpvkode', 'cpvnr', 'cpvcode', 'unspsc', 'unspsckode', 'unspsccode'],
  validFrom: ['gyldigfra', 'startdato', 'ikrafttræden', 'begyndelsesdato', 'validfrom', 'startdate', 'start', 'fra'],
  validTo: ['gyldigtil', 'slutdato', 'udløbsdato', 'udløb', 'ophørsdato', 'validto', 'enddate', 'end', 'til'],
  framework: ['rammeaftale', 'udbudsform', 'udbudstype', 'aftaletype', 'udbyder', 'framework', 'procedure', 'type'],
  maxValue: ['anslåetværdi', 'maksværdi', 'maksimalværdi', 'rammebeløb', 'rammeværdi', 'estimeretværdi', 'kontraktværdi', 'kontraktsum', 'maxvalue', 'estimatedvalue', 'værdi', 'value'],
} as const;
export type ContractRole = keyof typeof CONTRACT_SYNONYMS;

/**
 * Proposes a column for each role: exact synonyms first (over all roles), then a header that starts
 * with a synonym of six letters or more ("Anslået værdi (kr.)" → maxValue). Each header is used once.
 */
export function proposeContractMapping(headers: readonly string[]): Partial<Record<ContractRole, string>> {
  const out: Partial<Record<ContractRole, string>> = {};
  const used = new Set<string>();
  const roles = Object.keys(CONTRACT_SYNONYMS) as ContractRole[];
  const pass = (hit: (header: string, word: string) => boolean) => {
    for (const role of roles) {
      if (out[role]) continue;
      const words = CONTRACT_SYNONYMS[role] as readonly string[];
      // Word order decides (the first synonym that names a header wins), not header order.
      for (const word of words) {
        const header = headers.find((h) => !used.has(h) && hit(normaliseHeader(h), word));
        if (header) {
          out[role] = header;
          used.add(header);
          break;
        }
      }
    }
  };
  pass((h, w) => h === w);
  pass((h, w) => w.length >= 6 && h.startsWith(w));
  return out;
}

/** `cpv:…` or `unspsc:…` from the header's name and the value's shape (a CPV code has a check digit: 30192000-1). */
function codeSql(column: string, header: string | undefined): string {
  if (!header) return 'NULL::VARCHAR';
  const scheme = normaliseHeader(header).startsWith('unspsc') ? 'unspsc' : 'cpv';
  const digits = `regexp_replace(split_part(trim(${column}), '-', 1), '[^0-9]', '', 'g')`;
  return `CASE WHEN length(${digits}) >= 2 THEN '${scheme}:' || ${digits} END`;
}

/**
 * Loads a raw register table into `contract`. A row without a supplier (name or CVR) cannot be
 * matched to spend and is rejected with its reason, like a spend row. A maximum or estimated value
 * that cannot be read is left empty (the register is still usable without it).
 */
export async function loadContracts(
  db: DbConnector,
  raw: string,
  headers: string[],
  fileId: number,
  fileName: string,
  layout: { dateFormats: string[]; decimal: DecimalMark },
): Promise<{ rowsRead: number; rowsLoaded: number; rowsRejected: number }> {
  const mapping = proposeContractMapping(headers);
  const c = (role: ContractRole) => (mapping[role] ? quoteIdent(mapping[role]) : 'NULL::VARCHAR');
  const parsed = `contracts_${fileId}`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(parsed)} AS
     SELECT rowid + 1 AS "row",
            ${textSql(c('contractId'))} AS contract_id, ${textSql(c('name'))} AS name,
            ${cleanCvrSql(textSql(c('supplierCvr')))} AS supplier_cvr, ${textSql(c('supplierName'))} AS supplier_name,
            ${textSql(c('categoryText'))} AS category_text,
            ${dateSql(textSql(c('validFrom')), layout.dateFormats)} AS valid_from, ${dateSql(textSql(c('validTo')), layout.dateFormats)} AS valid_to,
            ${textSql(c('framework'))} AS framework,
            ${codeSql(c('code'), mapping.code)} AS code,
            ${mapping.maxValue ? amountSql(textSql(c('maxValue')), layout.decimal) : 'NULL::DECIMAL(18,2)'} AS max_value,
            concat_ws(';', ${headers.map((h) => `coalesce(${quoteIdent(h)}, '')`).join(', ')}) AS raw
       FROM ${quoteIdent(raw)}`,
  );
  await db.exec(
    `INSERT INTO contract (contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework, code, max_value, file_id, "row")
     SELECT contract_id, name, supplier_cvr, supplier_name, category_text, valid_from, valid_to, framework, code, max_value, ${fileId}, "row"
       FROM ${quoteIdent(parsed)} WHERE supplier_cvr IS NOT NULL OR supplier_name IS NOT NULL ORDER BY "row"`,
  );
  await db.exec(
    `INSERT INTO import_reject (file_id, file, "row", raw, reason) SELECT ${fileId}, ${literal(fileName)}, "row", raw, 'supplier_missing'
       FROM ${quoteIdent(parsed)} WHERE supplier_cvr IS NULL AND supplier_name IS NULL ORDER BY "row"`,
  );
  const [s] = await queryRows(
    db,
    `SELECT count(*) AS n, count(*) FILTER (WHERE supplier_cvr IS NOT NULL OR supplier_name IS NOT NULL) AS ok FROM ${quoteIdent(parsed)}`,
  );
  await db.exec(`DROP TABLE ${quoteIdent(parsed)}`);
  const rowsRead = Number(s?.n ?? 0);
  const rowsLoaded = Number(s?.ok ?? 0);
  return { rowsRead, rowsLoaded, rowsRejected: rowsRead - rowsLoaded };
}
