import type { IncomingMessage, ServerResponse } from 'node:http';
import { normalizeFault } from '../faults.ts';
import { resetMockState, type MockState } from '../state.ts';
import { readBody } from './body.ts';

/**
 * `/_mock/…`: the mock's own controls, for a process that cannot reach the JS API (benchmarks,
 * Redis workers). Plain JSON, no API key; never counted, delayed or faulted.
 *   GET  /_mock/counters  → StripeMockCounters
 *   GET  /_mock/config    → { latency_ms, faults }
 *   POST /_mock/config    ← { latency_ms?, faults? } (faults replace the queue; [] clears it)
 *   POST /_mock/reset     → forgets objects, idempotency records, counters and faults
 */
export async function handleAdminRequest(
  state: MockState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  const body = await readBody(req).catch(() => null);
  if (body === null)
    return send(res, 413, { error: { type: 'invalid_request_error', message: 'Request body too large.' } });
  switch (route) {
    case 'GET /_mock/counters':
      return send(res, 200, state.counters.snapshot());
    case 'GET /_mock/config':
      return send(res, 200, configOf(state));
    case 'POST /_mock/config':
      return configure(state, res, body);
    case 'POST /_mock/reset':
      resetMockState(state);
      return send(res, 200, { reset: true });
    default:
      return send(res, 404, {
        error: { type: 'invalid_request_error', message: `Unknown mock admin endpoint: ${route}` },
      });
  }
}

const configOf = (state: MockState) => ({ latency_ms: state.settings.latencyMs, faults: state.faults.list() });

function configure(state: MockState, res: ServerResponse, body: string): void {
  const refuse = (message: string) => send(res, 400, { error: { type: 'invalid_request_error', message } });
  let input: unknown;
  try {
    input = body === '' ? {} : JSON.parse(body);
  } catch {
    return refuse('The body must be JSON: { "latency_ms"?: number, "faults"?: FaultSpec[] }.');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return refuse('The body must be a JSON object.');
  const { latency_ms: latency, faults, ...unknown } = input as Record<string, unknown>;
  const extra = Object.keys(unknown)[0];
  if (extra !== undefined) return refuse(`Unknown config field: ${extra}`);
  if (latency !== undefined && !(Number.isInteger(latency) && (latency as number) >= 0)) {
    return refuse('latency_ms must be a non-negative integer.');
  }
  if (faults !== undefined && !Array.isArray(faults)) return refuse('faults must be an array.');
  let checked: ReturnType<typeof normalizeFault>[] = [];
  try {
    checked = (faults ?? []).map(normalizeFault);
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
  if (latency !== undefined) state.settings.latencyMs = latency as number;
  if (faults !== undefined) {
    state.faults.clear();
    for (const fault of checked) state.faults.enqueue(fault);
  }
  send(res, 200, configOf(state));
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
