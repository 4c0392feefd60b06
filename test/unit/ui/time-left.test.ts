import { describe, expect, it } from 'vitest';
import { secondsLeft } from '../../../src/ui/app/time-left.js';

describe('the time left of an import', () => {
  it('follows the pace up to the current step and counts down between steps', () => {
    // A tenth done after 2.5 s: 25 s in all.
    expect(secondsLeft(0, 2500, 2500, 0.1)).toBe(23);
    expect(secondsLeft(0, 2500, 7500, 0.1)).toBe(18);
    // The next step after 9 s at 35 %: about 25.7 s in all.
    expect(secondsLeft(0, 9000, 9000, 0.35)).toBe(17);
  });

  it('says nothing before a step has ended, or once the estimate has run out', () => {
    expect(secondsLeft(0, 0, 3000, 0)).toBeNull();
    expect(secondsLeft(0, 100, 3000, 0.1)).toBeNull();
    expect(secondsLeft(0, 2500, 25_000, 0.1)).toBeNull();
    expect(secondsLeft(0, 2500, 30_000, 0.1)).toBeNull();
    expect(secondsLeft(0, 2500, 2500, 1)).toBeNull();
  });
});
