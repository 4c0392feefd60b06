import type { GenProfile, ProfileId } from '../profile.js';
import { DEMO_PROFILE } from './demo.js';
import { FJORDBY_PROFILE } from './fjordby/index.js';

const PROFILES: Readonly<Record<ProfileId, GenProfile>> = {
  demo: DEMO_PROFILE as GenProfile,
  fjordby: FJORDBY_PROFILE as GenProfile,
};

export function profileFor(id: ProfileId): GenProfile {
  const profile = PROFILES[id];
  if (!profile) throw new Error(`unknown profile ${String(id)} (known: ${Object.keys(PROFILES).join(', ')})`);
  return profile;
}
