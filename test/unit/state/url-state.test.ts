import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, formatHash, parseHash, SCREENS, type ViewState } from '../../../src/core/state/url-state.js';

describe('view state in the URL hash', () => {
  it('round-trips every screen with filters and language', () => {
    for (const screen of SCREENS) {
      const view: ViewState = {
        screen,
        lang: 'en',
        filters: { from: '2024-01-01', to: '2025-12-31', unit: 'Børnehuset Solsikken & Co', category: 'office.supplies', source: 'ecommerce' },
      };
      expect(parseHash(formatHash(view))).toEqual(view);
    }
  });

  it('defaults to the Danish overview and drops malformed parts instead of throwing', () => {
    expect(parseHash('')).toEqual(DEFAULT_VIEW);
    expect(parseHash('#/nope?from=2024-02-30&to=yesterday&source=fax&lang=fr')).toEqual(DEFAULT_VIEW);
  });

  it('keeps Danish as the default language out of the URL', () => {
    expect(formatHash(DEFAULT_VIEW)).toBe('#/overview');
  });
});
