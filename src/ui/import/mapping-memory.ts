import type { SourceRole } from '../../core/import/detect.js';
import type { Mapping } from '../../core/import/roles.js';

/** Confirmed mappings, per header signature, kept in this browser only (never sent anywhere). */
const PREFIX = 'overblik.mapping.';

export interface RememberedMapping {
  mapping: Mapping;
  role: SourceRole;
}

export function recallMapping(signature: string): RememberedMapping | null {
  try {
    const text = localStorage.getItem(PREFIX + signature);
    return text ? (JSON.parse(text) as RememberedMapping) : null;
  } catch {
    return null;
  }
}

export function rememberMapping(signature: string, value: RememberedMapping): void {
  try {
    localStorage.setItem(PREFIX + signature, JSON.stringify(value));
  } catch {
    // Private mode or a full store: the mapping is simply proposed again next time.
  }
}

/** Every remembered mapping (the workspace carries them). */
export function allMappings(): Record<string, RememberedMapping> {
  const out: Record<string, RememberedMapping> = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      const value = key?.startsWith(PREFIX) ? recallMapping(key.slice(PREFIX.length)) : null;
      if (key && value) out[key.slice(PREFIX.length)] = value;
    }
  } catch {
    // No storage: nothing remembered.
  }
  return out;
}
