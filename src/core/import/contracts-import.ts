import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { cleanCvrSql } from '../suppliers/cvr.js';
import { dateSql, textSql } from './parse-sql.js';
import { normaliseHeader } from './roles.js';

/** Columns of a contract register (aftaleoversigt) and the header words that name them. */
const CONTRACT_SYNONYMS = {
  contractId: ['aftalenr', 'aftaleid', 'aftalenummer', 'kontraktnr', 'kontraktid', 'contractid', 'contractno', 'id'],
  name: ['aftalenavn', 'aftale', 'navn', 'kontraktnavn', 'contractname', 'name', 'titel'],
  supplierCvr: ['cvrnr', 'cvr', 'leverandørcvr', 'suppliercvr', 'vatnumber', 'orgnr'],
  supplierName: ['leverandør', 'leverandørnavn', 'supplier', 'suppliername', 'leverantör'],
  categoryId: ['kategori', 'kategoriid', 'category', 'categoryid', 'indkøbskategori'],
  validFrom: ['gyldigfra', 'startdato', 'validfrom', 'start', 'fra'],
  validTo: ['gyldigtil', 'slutdato', 'udløbsdato', 'validto', 'end', 'til'],
  framework: ['rammeaftale', 'framework', 'aftaletype', 'type', 'udbyder'],
} as const;
export type ContractRole = keyof typeof CONTRACT_SYNONYMS;

export function proposeContractMapping(headers: readonly string[]): Partial<Record<ContractRole, string>> {
  const out: Partial<Record<ContractRole, string>> = {};
  const used = new Set<string>();
  for (const role of Object.keys(CONTRACT_SYNONYMS) as ContractRole[]) {
    const header = headers.find((h) => !used.has(h) && (CONTRACT_SYNONYMS[role] as readonly string[]).includes(normaliseHeader(h)));
    if (header) {
      out[role] = header;
      used.add(header);
    }
  }
  return out;
}

/**
 * Loads a raw contract register table into `contract`. A row without a supplier (name or CVR)
 * cannot be matched to spend and is rejected with its reason, like a spend row.
 */
export async function loadContracts(
  db: DbConnector,
  raw: string,
  headers: string[],
  fileId: number,
  fileName: string,
  dateFormats: string[],
): Promise<{ rowsRead: number; rowsLoaded: number; rowsRejected: number }> {
  const mapping = proposeContractMapping(headers);
  const c = (role: ContractRole) => (mapping[role] ? quoteIdent(mapping[role]) : 'NULL::VARCHAR');
  const parsed = `contracts_${fileId}`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(parsed)} AS
     SELECT rowid + 1 AS "row",
            ${textSql(c('contractId'))} AS contract_id, ${textSql(c('name'))} AS name,
            ${cleanCvrSql(c('supplierCvr'))} AS supplier_cvr, ${textSql(c('supplierName'))} AS supplier_name,
            ${textSql(c('categoryId'))} AS category_id,
            ${dateSql(c('validFrom'), dateFormats)} AS valid_from, ${dateSql(c('validTo'), dateFormats)} AS valid_to,
            ${textSql(c('framework'))} AS framework,
            concat_ws(';', ${headers.map((h) => `coalesce(${quoteIdent(h)}, '')`).join(', ')}) AS raw
       FROM ${quoteIdent(raw)}`,
  );
  await db.exec(
    `INSERT INTO contract SELECT contract_id, name, supplier_cvr, supplier_name, category_id, valid_from, valid_to, framework
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
