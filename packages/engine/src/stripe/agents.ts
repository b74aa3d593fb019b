import http from 'node:http';
import https from 'node:https';

/**
 * Requests one keep-alive agent is given at once. Node's agent keeps a host's busy sockets in one array and scans
 * and splices it every time a socket is freed, so one agent carrying 10,000 calls costs O(n²): ~0.75 s of the
 * event loop in the 10k-in-flight benchmark. Past this many, calls spread over more agents.
 */
export const REQUESTS_PER_AGENT = 256;
/**
 * Idle keep-alive connections each agent keeps for reuse: all it had busy, for plain HTTP. After a burst, closing
 * every connection past Node's default of 256 at once cost the event loop ~50 µs each while answers were still
 * arriving; kept, they serve the next burst without new handshakes. TLS connections hold more memory, so fewer
 * (~1,000 in all at 10,000 calls in flight).
 */
const FREE_SOCKETS = { http: REQUESTS_PER_AGENT, https: 24 };
/** An idle connection closes after this, or sooner when the server's Keep-Alive header says it will. */
const IDLE_MS = 30_000;

export interface AgentLease {
  agent: http.Agent;
  /** Call once, when the request is over (its `close` event). */
  release(): void;
}

/**
 * Keep-alive agents for one Stripe base URL. A call takes the first agent with room, so light traffic stays on
 * one agent and reuses its connections; a burst spreads over as many agents as it needs.
 */
export interface AgentSet {
  acquire(): AgentLease;
  /** Requests under way, per agent (for tests). */
  inFlight(): number[];
  destroy(): void;
}

export function createAgentSet(secure: boolean): AgentSet {
  const agents: Array<{ agent: http.Agent; busy: number }> = [];
  const make = () => {
    const options = {
      keepAlive: true,
      maxSockets: Infinity,
      maxFreeSockets: secure ? FREE_SOCKETS.https : FREE_SOCKETS.http,
      timeout: IDLE_MS,
    };
    const entry = { agent: secure ? new https.Agent(options) : new http.Agent(options), busy: 0 };
    agents.push(entry);
    return entry;
  };
  return {
    acquire() {
      const entry = agents.find((candidate) => candidate.busy < REQUESTS_PER_AGENT) ?? make();
      entry.busy += 1;
      let released = false;
      return {
        agent: entry.agent,
        release() {
          if (released) return;
          released = true;
          entry.busy -= 1;
        },
      };
    },
    inFlight: () => agents.map((entry) => entry.busy),
    destroy() {
      for (const entry of agents) entry.agent.destroy();
      agents.length = 0;
    },
  };
}
