// Issue 26: after a burst of requests glibc kept a third of its heap resident though free; the housekeeping
// gives it back with malloc_trim through koffi. On this Debian machine (glibc) the call must really be made:
// a binding that failed to load would silently leave the day's RSS where it was.
import { describe, expect, it } from 'vitest';
import { returnFreedMemory } from '../../server/common/memory.ts';

describe('the C heap after a burst', () => {
  it('reaches glibc malloc_trim on Debian', () => {
    expect(['released', 'nothing']).toContain(returnFreedMemory());
  });
});
