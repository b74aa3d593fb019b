import type { FaultSpec } from './types.ts';

/** How a request is made to fail, if at all. */
export interface Failure {
  type: '429' | '500' | 'drop';
  phase: 'before' | 'after';
}

export interface FaultPlan {
  extraLatencyMs: number;
  failure: Failure | null;
}

export interface FaultQueue {
  enqueue(fault: FaultSpec): void;
  clear(): void;
  list(): FaultSpec[];
  /** Consumes the first matching latency fault and (unless `withFailure` is false) the first matching failure fault. */
  take(path: string, withFailure?: boolean): FaultPlan;
}

const TYPES = new Set(['latency', '429', '500', 'drop']);

/** Checks a fault from the JS API or the admin endpoint; throws a TypeError naming the bad field. */
export function normalizeFault(input: unknown): Required<Pick<FaultSpec, 'type' | 'times' | 'phase'>> & FaultSpec {
  if (typeof input !== 'object' || input === null) throw new TypeError('a fault must be an object');
  const raw = input as Record<string, unknown>;
  if (typeof raw.type !== 'string' || !TYPES.has(raw.type))
    throw new TypeError("fault.type must be 'latency', '429', '500' or 'drop'");
  const times = raw.times ?? 1;
  if (!Number.isInteger(times) || (times as number) < 1) throw new TypeError('fault.times must be a positive integer');
  if (raw.path !== undefined && (typeof raw.path !== 'string' || !raw.path.startsWith('/')))
    throw new TypeError("fault.path must start with '/'");
  const latencyMs = raw.latencyMs ?? raw.latency_ms;
  if (raw.type === 'latency' && !(Number.isInteger(latencyMs) && (latencyMs as number) >= 0)) {
    throw new TypeError('a latency fault needs latencyMs, a non-negative integer');
  }
  const phase = raw.phase ?? 'before';
  if (phase !== 'before' && phase !== 'after') throw new TypeError("fault.phase must be 'before' or 'after'");
  return {
    type: raw.type as FaultSpec['type'],
    times: times as number,
    phase,
    ...(raw.path === undefined ? {} : { path: raw.path as string }),
    ...(raw.type === 'latency' ? { latencyMs: latencyMs as number } : {}),
  };
}

const matches = (fault: FaultSpec, path: string) =>
  fault.path === undefined || path === fault.path || path.startsWith(`${fault.path}/`);

export function createFaultQueue(): FaultQueue {
  let queue: ReturnType<typeof normalizeFault>[] = [];
  const consume = (predicate: (fault: FaultSpec) => boolean) => {
    const index = queue.findIndex(predicate);
    const fault = queue[index];
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times === 0) queue.splice(index, 1);
    return fault;
  };
  return {
    enqueue: (fault) => void queue.push(normalizeFault(fault)),
    clear: () => void (queue = []),
    list: () => queue.map((fault) => ({ ...fault })),
    take(path, withFailure = true) {
      if (queue.length === 0) return { extraLatencyMs: 0, failure: null };
      const latency = consume((f) => f.type === 'latency' && matches(f, path));
      const failure = withFailure ? consume((f) => f.type !== 'latency' && matches(f, path)) : undefined;
      return {
        extraLatencyMs: latency?.latencyMs ?? 0,
        failure: failure ? { type: failure.type as Failure['type'], phase: failure.phase } : null,
      };
    },
  };
}

const HEADER_FAULTS: Record<string, Failure> = {
  '429': { type: '429', phase: 'before' },
  '500': { type: '500', phase: 'before' },
  drop: { type: 'drop', phase: 'before' },
  '500-after': { type: '500', phase: 'after' },
  'drop-after': { type: 'drop', phase: 'after' },
};

/** `Fireflow-Mock-Fault: 429|500|drop|500-after|drop-after`; `undefined` when absent, `null` when unknown. */
export function parseFaultHeader(value: string | undefined): Failure | null | undefined {
  if (value === undefined) return undefined;
  return HEADER_FAULTS[value.trim().toLowerCase()] ?? null;
}

/** `Fireflow-Mock-Latency-Ms: 2000`; `undefined` when absent, `null` when not a non-negative integer. */
export function parseLatencyHeader(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,7}$/.test(value.trim()) ? Number(value.trim()) : null;
}
