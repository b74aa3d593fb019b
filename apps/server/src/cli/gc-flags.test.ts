import { describe, expect, it } from 'vitest';
import { GC_FLAGS, REDIS_MODE_GC_FLAGS, gcFlagsFor } from '../../bin/gc-flags.mjs';

describe('gcFlagsFor', () => {
  it('keeps small semi-spaces where the engine runs in the process', () => {
    expect(gcFlagsFor(['serve'], {})).toBe(GC_FLAGS);
    expect(gcFlagsFor(['run', 'flows/product'], { REDIS_URL: '' })).toBe(GC_FLAGS);
    expect(GC_FLAGS).toContain('--max-semi-space-size=2');
  });

  it("keeps V8's semi-spaces where work waits in Redis", () => {
    expect(gcFlagsFor(['worker'], {})).toBe(REDIS_MODE_GC_FLAGS);
    expect(gcFlagsFor(['serve'], { REDIS_URL: 'redis://127.0.0.1:6379' })).toBe(REDIS_MODE_GC_FLAGS);
    expect(gcFlagsFor(['run', 'flows/product', '--redis', 'redis://x'], {})).toBe(REDIS_MODE_GC_FLAGS);
    expect(gcFlagsFor(['serve', '--redis=redis://x'], {})).toBe(REDIS_MODE_GC_FLAGS);
    expect(REDIS_MODE_GC_FLAGS.some((flag) => flag.startsWith('--max-semi-space-size'))).toBe(false);
  });
});
