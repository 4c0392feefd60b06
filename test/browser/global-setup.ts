import { startPreview } from '../support/browser.js';

/** Serves the built dist on port 4173 for all browser tests (`npm test` builds first). */
export default async function setup(): Promise<() => Promise<void>> {
  const preview = await startPreview();
  return () => preview.stop();
}
