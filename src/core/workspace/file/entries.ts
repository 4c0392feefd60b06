/** The names inside a `.overblik` ZIP (kept free of other imports: the zip worker uses them). */
export const MANIFEST_PATH = 'manifest.json';
export const PART_PATH = /^tables\/[\w-]+\.\d+\.arrows$/;

/** Only the entries a workspace can have are inflated: anything else in a ZIP is ignored. */
export const isWorkspaceEntry = (name: string): boolean => name === MANIFEST_PATH || PART_PATH.test(name);
