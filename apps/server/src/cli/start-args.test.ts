import { describe, expect, it } from 'vitest';
import { serveArgs } from '../../../../scripts/start-args.mjs';

describe('pnpm start arguments', () => {
  it('reads `pnpm start -- --port N` like `pnpm start --port N`', () => {
    expect(serveArgs(['--', '--port', '5181'])).toEqual(['--port', '5181']);
    expect(serveArgs(['--port', '5181'])).toEqual(['--port', '5181']);
    expect(serveArgs([])).toEqual([]);
  });
});
