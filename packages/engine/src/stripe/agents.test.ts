import { describe, expect, it } from 'vitest';
import { REQUESTS_PER_AGENT, createAgentSet } from './agents.ts';

describe('createAgentSet', () => {
  it('keeps light traffic on one agent and spreads a burst over more', () => {
    const agents = createAgentSet(false);
    const leases = Array.from({ length: REQUESTS_PER_AGENT * 2 + 1 }, () => agents.acquire());
    expect(agents.inFlight()).toEqual([REQUESTS_PER_AGENT, REQUESTS_PER_AGENT, 1]);
    expect(new Set(leases.map((lease) => lease.agent)).size).toBe(3);
    agents.destroy();
  });

  it('gives the first agent with room to the next call, and counts a double release once', () => {
    const agents = createAgentSet(true);
    const leases = Array.from({ length: REQUESTS_PER_AGENT + 1 }, () => agents.acquire());
    leases[0]!.release();
    leases[0]!.release();
    expect(agents.inFlight()).toEqual([REQUESTS_PER_AGENT - 1, 1]);
    expect(agents.acquire().agent).toBe(leases[1]!.agent);
    expect(agents.inFlight()).toEqual([REQUESTS_PER_AGENT, 1]);
    agents.destroy();
  });
});
