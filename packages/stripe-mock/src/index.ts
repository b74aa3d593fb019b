import { startMockServer } from './server.ts';
import type { StripeMock, StripeMockOptions } from './types.ts';

export { MOCK_SECRET_KEY } from './constants.ts';
export type { FaultSpec, StripeMock, StripeMockCounters, StripeMockOptions } from './types.ts';
export { runStripeMockCommand } from './cli.ts';

/** Starts a local Stripe API on a loopback port; see README.md for what it implements. */
export function startStripeMock(options?: StripeMockOptions): Promise<StripeMock> {
  return startMockServer(options);
}
export { stripeSamples } from './samples.ts';
export type { StripeSample } from './samples.ts';
