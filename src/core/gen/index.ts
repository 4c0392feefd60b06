/**
 * A seeded generator of realistic Danish municipal spend data with known answers: Demo Kommune
 * (profile `demo`, the built-in demo) and Fjordby Kommune (profile `fjordby`, for judging the
 * analysis on a municipality nobody tuned it to).
 * Pure TypeScript without Node imports, so the browser builds the built-in demo with it and the
 * command line tool (src/cli/gen.ts) writes large files with it.
 */
export { generateDemoFiles, type DemoFile, type DemoFiles } from './demo.js';
export {
  DEFAULT_ANNUAL_SPEND_KR, DEFAULT_FORMATS, FILE_NAMES, FORMATS, type FileSink, type Format, Generation,
  type GenerationOptions, MANIFEST_FILE, oioublPartName, TRUTH_FILE,
} from './pipeline.js';
export type { AnyManifest, Manifest, ManifestCommon, ManifestFile, ManifestFor } from './manifest.js';
export type { FjordbyManifest, FjordbyPlanted, RegisterTruthRow } from './profiles/fjordby/manifest-types.js';
export { PROFILE_IDS, type ProfileId } from './profile.js';
export { profileFor } from './profiles/index.js';
export { isValidCvr, isValidGln, normalizeCvr, CPR_PATTERN } from './ids.js';
export { encodeCp1252 } from './encoders.js';
export { XLSX_MAX_DATA_ROWS } from './xlsx.js';
export { generateDocuments } from './generator.js';
export { buildWorld } from './world.js';
export type { Document, InvoiceLine, OrderLine } from './types.js';
