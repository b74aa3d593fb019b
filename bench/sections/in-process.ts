// Sections that run inside the bench process: the sandbox bench, create_async cost vs Stripe latency,
// and dispatch latency (Stripe answer → response execution started).
import {
  createInProcessDispatcher,
  createLocalDispatcher,
  createRedactor,
  createSandboxPool,
  type Dispatcher,
  type StripeCaller,
} from '@fireflow/engine';
import { MOCK_SECRET_KEY, startStripeMock } from '@fireflow/stripe-mock';
import type { SandboxBenchResult } from '../../packages/engine/src/sandbox/bench-sandbox.ts';
import { compiled } from '../compiled.ts';
import { BURST_BUDGETS, burstFlow, lastJsonLine, median, percentile, runChild } from '../util.ts';
import { atLeast, atMost, row, type Row, type Settings } from '../types.ts';

export async function sandboxSection(s: Settings): Promise<Row[]> {
  // Compiled, in a process of its own: the pool's threads run the engine as `fireflow` ships it, and the one-thread
  // rows' CPU time is that process's alone.
  const options = {
    executions: s.quick ? 1000 : 2000,
    runs: s.runs,
    threads: 2,
    memoryExecutions: s.quick ? 10_000 : 100_000,
  };
  const out = await runChild(process.execPath, [await compiled('bench-sandbox'), '--json', JSON.stringify(options)]);
  const r = lastJsonLine<SandboxBenchResult>(out, 'bench-sandbox.ts');
  const growth = (pair: [number, number]) => Math.round((pair[1] - pair[0]) * 10) / 10;
  return [
    // The floor row: merely making a fresh runtime and context, which each execution did before Sandbox v2.
    // One thread's rates are per second of the process's CPU time (what an execution costs, whatever else the
    // machine runs) and, for reference, of wall-clock time; floor and typical alternate round by round.
    row('sandbox', 'QuickJS alone (runtime+context+eval+free), 1 thread, per CPU-s', r.quickjs_alone.cpu, 'exec/s'),
    row('sandbox', 'typical execution, 1 thread, per CPU-s', r.typical_inline.cpu, 'exec/s', atLeast(10_000)),
    row('sandbox', 'typical execution / QuickJS alone, CPU time', r.typical_vs_alone.cpu, '×', atLeast(2)),
    row('sandbox', 'QuickJS alone, 1 thread, wall clock', r.quickjs_alone.wall, 'exec/s'),
    row('sandbox', 'typical execution, 1 thread, wall clock', r.typical_inline.wall, 'exec/s'),
    row('sandbox', 'typical execution / QuickJS alone, wall clock', r.typical_vs_alone.wall, '×'),
    row('sandbox', `typical execution exec/s, pool (${r.threads} threads)`, r.typical.pool, 'exec/s'),
    row(
      'sandbox',
      `WASM heap growth over ${r.memory.executions} executions`,
      growth(r.memory.heap_mib),
      'MiB',
      atMost(1),
    ),
    row(
      'sandbox',
      `QuickJS used growth over ${r.memory.executions} executions`,
      growth(r.memory.used_mib),
      'MiB',
      atMost(1),
    ),
    row('sandbox', 'print("hi") exec/s, 1 thread', r.tiny.inline, 'exec/s', atLeast(4000)),
    row('sandbox', `print("hi") exec/s, pool (${r.threads} threads)`, r.tiny.pool, 'exec/s', atLeast(7000)),
    row('sandbox', 'SPEC example exec/s, 1 thread', r.spec_example.inline, 'exec/s'),
    row('sandbox', `SPEC example exec/s, pool (${r.threads} threads)`, r.spec_example.pool, 'exec/s'),
    row('sandbox', 'create_async cost (in sandbox)', r.create_async_us, 'µs/call', atMost(20)),
  ];
}

const CREATES = 100;

/** Entry execution duration_ms of a main script firing CREATES create_async calls, mock delaying `latencyMs`. */
async function entryDurations(latencyMs: number, runs: number): Promise<number[]> {
  const mock = await startStripeMock({ latencyMs });
  const dispatcher = await createLocalDispatcher({
    stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
    threads: 2,
    budgets: BURST_BUDGETS,
  });
  const bundle = burstFlow(CREATES);
  const entries = new Set<string>();
  const durations: number[] = [];
  const off = dispatcher.onEvent((event) => {
    if (event.type === 'execution.queued' && event.trigger === 'entry') entries.add(event.execution_id);
    if (event.type === 'execution.finished' && entries.has(event.execution_id)) durations.push(event.duration_ms);
  });
  try {
    // one warm-up run, then `runs` timed ones, started together (the mock delay overlaps)
    await dispatcher.waitForSettled((await dispatcher.startRun(bundle, { flow_id: 'b' })).run_id);
    durations.length = 0;
    // one at a time up to the end of the entry execution (no queueing behind other entries); the
    // Stripe calls and response executions of earlier runs are still in flight meanwhile
    const ids: string[] = [];
    for (let i = 0; i < runs; i += 1) {
      const entryDone = new Promise<void>((resolve) => {
        const stop = dispatcher.onEvent((event) => {
          if (event.type === 'execution.finished' && entries.has(event.execution_id) && durations.length > i) {
            stop();
            resolve();
          }
        });
      });
      ids.push((await dispatcher.startRun(bundle, { flow_id: 'b' })).run_id);
      await entryDone;
    }
    const settled = await Promise.all(ids.map((id) => dispatcher.waitForSettled(id)));
    const failed = settled.filter((e) => e.status !== 'succeeded').length;
    if (failed) throw new Error(`${failed} runs failed at latency ${latencyMs} ms`);
    return durations;
  } finally {
    off();
    await dispatcher.close();
    await mock.close();
  }
}

export async function createAsyncLatencySection(s: Settings): Promise<Row[]> {
  const runs = s.quick ? 5 : 15;
  const fast = await entryDurations(0, runs);
  const slow = await entryDurations(2000, runs);
  const us = (d: number[]) => (median(d) * 1000) / CREATES;
  const fastUs = us(fast);
  const slowUs = us(slow);
  return [
    row('create_async', `entry exec (${CREATES} creates), mock 0 ms`, median(fast), 'ms', undefined, { samples: fast }),
    row('create_async', `entry exec (${CREATES} creates), mock 2 s`, median(slow), 'ms', undefined, { samples: slow }),
    row('create_async', 'per call incl. script, mock 0 ms', fastUs, 'µs/call'),
    row('create_async', 'per call incl. script, mock 2 s', slowUs, 'µs/call', {
      // "the same at both latencies": within 50 % or 0.5 ms of the 0 ms figure (durations are noisy, ms-rounded)
      text: '≈ 0 ms figure',
      ok: (v) => Math.abs(median(slow) - median(fast)) <= Math.max(0.5, 0.5 * median(fast)) || v <= fastUs,
    }),
  ];
}

/** Stripe answer → response execution started, for `concurrent` runs at a time. */
async function dispatchSamples(dispatcher: Dispatcher, rounds: number, concurrent: number) {
  const bundle = burstFlow(1);
  const answered = new Map<string, { ts: number; at: number }>(); // request_id → event ts, local receive time
  const responseOf = new Map<string, { ts: number; at: number }>(); // execution_id → answer
  const byTs: number[] = [];
  const byClock: number[] = [];
  const off = dispatcher.onEvent((event) => {
    const at = performance.now();
    if (event.type === 'stripe.request.succeeded') answered.set(event.request_id, { ts: event.ts, at });
    else if (event.type === 'execution.queued' && event.parent_request_id) {
      const answer = answered.get(event.parent_request_id);
      if (answer) responseOf.set(event.execution_id, answer);
    } else if (event.type === 'execution.started') {
      const answer = responseOf.get(event.execution_id);
      if (answer) {
        byTs.push(event.ts - answer.ts);
        byClock.push(at - answer.at);
      }
    }
  });
  try {
    for (let round = 0; round < rounds; round += 1) {
      const ids = await Promise.all(
        Array.from({ length: concurrent }, () => dispatcher.startRun(bundle, { flow_id: 'd' }).then((r) => r.run_id)),
      );
      await Promise.all(ids.map((id) => dispatcher.waitForSettled(id)));
    }
  } finally {
    off();
  }
  return { byTs, byClock };
}

const STUB_BODY = JSON.stringify({ id: 'prod_stub', object: 'product', active: true, metadata: {}, name: 'bench' });

/**
 * Fireflow's own main-thread work per Stripe call, with the network taken out: the dispatcher and a real sandbox
 * pool, but a caller that answers on the next turn of the event loop. 10 runs × 1,000 calls; event-loop busy time
 * (performance.eventLoopUtilization) per call. What the rest of the 10k row costs is Node's HTTP and the machine.
 */
async function dispatchOverheadMicros(runs: number): Promise<number> {
  const caller: StripeCaller = {
    maxAttempts: 4,
    retryDelayMs: () => 1,
    close: () => undefined,
    attempt: () =>
      new Promise((resolve) =>
        setImmediate(() =>
          resolve({ kind: 'succeeded', status: 200, body: STUB_BODY, object_id: 'prod_stub', duration_ms: 0 }),
        ),
      ),
  };
  const sandbox = await createSandboxPool({ threads: 2 });
  const redact = createRedactor([MOCK_SECRET_KEY]);
  const dispatcher = createInProcessDispatcher({ sandbox, caller, redact, budgets: BURST_BUDGETS });
  const bundle = burstFlow(1000);
  const pass = async () => {
    const before = performance.eventLoopUtilization();
    const ids = await Promise.all(
      Array.from({ length: 10 }, () => dispatcher.startRun(bundle, { flow_id: 'stub' }).then((r) => r.run_id)),
    );
    const settled = await Promise.all(ids.map((id) => dispatcher.waitForSettled(id)));
    if (settled.some((event) => event.status !== 'succeeded')) throw new Error('a stubbed run failed');
    return (performance.eventLoopUtilization(before).active * 1000) / 10_000;
  };
  try {
    await pass(); // warm-up
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) samples.push(await pass());
    return median(samples);
  } finally {
    await dispatcher.close();
    await sandbox.close();
  }
}

export async function dispatchLatencySection(s: Settings): Promise<Row[]> {
  const mock = await startStripeMock();
  const dispatcher = await createLocalDispatcher({
    stripe: { baseUrl: mock.url, secrets: { STRIPE_SECRET_KEY: MOCK_SECRET_KEY } },
    threads: 2,
  });
  try {
    await dispatchSamples(dispatcher, 5, 10); // warm-up
    const p50: number[] = [];
    const p99: number[] = [];
    const tsP99: number[] = [];
    let samples = 0;
    for (let run = 0; run < s.runs; run += 1) {
      const { byTs, byClock } = await dispatchSamples(dispatcher, s.quick ? 30 : 50, 10);
      samples += byClock.length;
      p50.push(percentile(byClock, 50));
      p99.push(percentile(byClock, 99));
      tsP99.push(percentile(byTs, 99));
    }
    return [
      row('dispatch', 'answer → response started p50 (10 concurrent)', median(p50), 'ms', undefined, { samples }),
      row('dispatch', 'answer → response started p99 (10 concurrent)', median(p99), 'ms', atMost(5, ' ms')),
      row('dispatch', 'same p99 from event ts (1 ms resolution)', median(tsP99), 'ms'),
      row('dispatch', 'main-thread work per Stripe call, network stubbed', await dispatchOverheadMicros(s.runs), 'µs'),
    ];
  } finally {
    await dispatcher.close();
    await mock.close();
  }
}
