import { pathToFileURL } from 'node:url';
import { createEngine } from './engine.ts';
import { createInlineSandbox } from './inline.ts';
import { createSandboxPool } from './pool.ts';
import { loadQuickJS } from './quickjs.ts';
import { INTRINSICS } from './intrinsics.ts';
import type { Sandbox, ScriptResult, ScriptTask } from './types.ts';

export const TINY_SCRIPT = 'print("hi")';
export const SPEC_EXAMPLE = [
  'let payment_intent = new_payment_intent().amount(2000).currency("usd").customer("cus_customer123");',
  'let result = payment_intent.create_async("worker-1", "context-123", "sk_test_...");',
  'print(`Request dispatched: ${result}`);',
].join('\n');
/** The typical execution: a response script that fires one call and logs one line. */
export const TYPICAL_SCRIPT =
  'new_payment_intent().amount(2000).currency("usd").metadata("order", execution.id).create_async();\n' +
  'print("ok " + parsed_data.id);';
/** A PaymentIntent as Stripe answers it: ~40 fields, some nested. */
const TYPICAL_RESPONSE = JSON.stringify({
  id: 'pi_3Nbench00000000000000000',
  object: 'payment_intent',
  amount: 2000,
  amount_capturable: 0,
  amount_details: { tip: {} },
  amount_received: 0,
  application: null,
  application_fee_amount: null,
  automatic_payment_methods: { allow_redirects: 'always', enabled: true },
  canceled_at: null,
  cancellation_reason: null,
  capture_method: 'automatic',
  client_secret: 'pi_3Nbench00000000000000000_secret_abcdefghijklmnop',
  confirmation_method: 'automatic',
  created: 1700000000,
  currency: 'usd',
  customer: 'cus_customer123',
  description: 'Order 1234',
  invoice: null,
  last_payment_error: null,
  latest_charge: null,
  livemode: false,
  metadata: { order: 'ex_bench' },
  next_action: null,
  on_behalf_of: null,
  payment_method: null,
  payment_method_configuration_details: null,
  payment_method_options: {
    card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
  },
  payment_method_types: ['card'],
  processing: null,
  receipt_email: 'jenny@example.com',
  review: null,
  setup_future_usage: null,
  shipping: null,
  source: null,
  statement_descriptor: null,
  statement_descriptor_suffix: null,
  status: 'requires_payment_method',
  transfer_data: null,
  transfer_group: null,
});
const CREATE_CALLS = 1000;
/** Executions of each kind before the rounds that are measured, whatever their size. */
const WARM_UP_EXECUTIONS = 3000;
const EXECUTION = { id: 'ex_bench', run_id: 'run_bench', context_id: 'ctx', worker_id: 'default', node_id: 'main' };

const task = (source: string): ScriptTask =>
  source === TYPICAL_SCRIPT
    ? {
        file: 'on_response.js',
        source,
        inputs: { execution: { ...EXECUTION, trigger: 'response' }, response_json: TYPICAL_RESPONSE },
      }
    : { file: 'main.js', source, inputs: { execution: { ...EXECUTION, trigger: 'entry' } } };

export interface SandboxBenchOptions {
  /** Executions per timed run. Default 2000. */
  executions?: number;
  /** Timed runs; each figure is their median. Default 5. */
  runs?: number;
  /** Pool threads. Default 2. */
  threads?: number;
  /** Executions of the memory row. Default 100,000. */
  memoryExecutions?: number;
}

export interface Throughput {
  /** Executions per second on the calling thread (fresh runtime and context each). */
  inline: number;
  /** Executions per second through the worker pool. */
  pool: number;
}

/**
 * One thread's rate two ways: per second of wall-clock time, and per second of the process's CPU time. On a
 * shared machine other tenants take wall-clock time from a run; the CPU time is what the executions cost.
 */
export interface Rate {
  wall: number;
  cpu: number;
}

export interface SandboxBenchResult {
  threads: number;
  runs: number;
  executions: number;
  /**
   * QuickJS alone, no Fireflow code: a fresh runtime and context (same intrinsics), `"hi"` evaluated, both freed,
   * per second on one thread. No script API, watchdog or limits; the ceiling for `tiny.inline` on this machine.
   */
  quickjs_alone: Rate;
  tiny: Throughput;
  spec_example: Throughput;
  /** The typical response execution (TYPICAL_SCRIPT with a ~40-field parsed_data). */
  typical: Throughput;
  /** The typical execution on one thread, one after another, both ways. */
  typical_inline: Rate;
  /**
   * typical_inline over quickjs_alone, the median of alternating rounds, both ways: above 1, an execution costs
   * less than merely making a fresh context.
   */
  typical_vs_alone: Rate;
  /** Cost of one `create_async` call inside a script, in µs. */
  create_async_us: number;
  /** The typical execution run `memory.executions` times on one thread: its WASM heap and QuickJS's count. */
  memory: MemoryRow;
}

export interface MemoryRow {
  executions: number;
  /** After the first tenth, and at the end: flat memory means the end is no higher than a little slack. */
  heap_mib: [number, number];
  used_mib: [number, number];
  realms: number;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? Number.NaN;

function check(result: ScriptResult): void {
  if (!result.ok) throw new Error(`benchmark script failed: ${result.error.code} ${result.error.message}`);
}

/** Executions per second for `source`, all submitted at once (so a pool can use every worker). */
async function perSecond(sandbox: Sandbox, source: string, executions: number): Promise<number> {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: executions }, () => sandbox.run(task(source))));
  const seconds = (performance.now() - started) / 1000;
  results.forEach(check);
  return executions / seconds;
}

/** A rate both ways, from a run's start time and the CPU usage it measured. */
function rateSince(executions: number, started: number, used: NodeJS.CpuUsage): Rate {
  const seconds = (performance.now() - started) / 1000;
  return { wall: executions / seconds, cpu: executions / ((used.user + used.system) / 1e6) };
}

/**
 * One thread's rate for `source`, per second of wall-clock time and of the process's CPU time: one execution
 * after another, as a pool thread runs them (results are not all held until the end, as in `perSecond`).
 */
async function rateOf(sandbox: Sandbox, source: string, executions: number): Promise<Rate> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < executions; i += 1) check(await sandbox.run(task(source)));
  return rateSince(executions, started, process.cpuUsage(cpu));
}

/** The median of `runs` rates measured by `rate(executions)`, after a warm-up of a quarter as many executions. */
async function medianRate(
  rate: (executions: number) => number | Promise<number>,
  options: Required<SandboxBenchOptions>,
): Promise<number> {
  await rate(Math.ceil(options.executions / 4));
  const samples: number[] = [];
  for (let run = 0; run < options.runs; run += 1) samples.push(await rate(options.executions));
  return Math.round(median(samples));
}

/** Executions per second of QuickJS alone, `executions` in a row (see `SandboxBenchResult.quickjs_alone`). */
async function quickJSAlone(): Promise<(executions: number) => Rate> {
  const module = await loadQuickJS();
  const once = () => {
    const runtime = module.newRuntime();
    try {
      const context = runtime.newContext({ intrinsics: INTRINSICS });
      try {
        context.unwrapResult(context.evalCode('"hi"')).dispose();
      } finally {
        context.dispose();
      }
    } finally {
      runtime.dispose();
    }
  };
  return (executions) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < executions; i += 1) once();
    return rateSince(executions, started, process.cpuUsage(cpu));
  };
}

interface Round {
  floor: Rate;
  typical: Rate;
}

/**
 * The typical execution on one thread and the floor, in alternating rounds: on a shared machine the speed of
 * both drifts by tens of percent within a minute, so each ratio compares rounds measured seconds apart. Each
 * figure is the median over the rounds.
 */
async function typicalAndFloor(
  inline: Sandbox,
  alone: (executions: number) => Rate,
  options: Required<SandboxBenchOptions>,
): Promise<{ floor: Rate; typical: Rate; ratio: Rate }> {
  // Warm both up fully first: V8 compiles QuickJS's hot functions on background threads during the first
  // thousand or so executions, and that CPU time is the process's too.
  alone(WARM_UP_EXECUTIONS);
  await rateOf(inline, TYPICAL_SCRIPT, WARM_UP_EXECUTIONS);
  const rounds: Round[] = [];
  for (let round = 0; round < options.runs; round += 1) {
    const floor = alone(options.executions);
    rounds.push({ floor, typical: await rateOf(inline, TYPICAL_SCRIPT, options.executions) });
  }
  const mid = (pick: (round: Round) => number, digits = 0) =>
    Math.round(median(rounds.map(pick)) * 10 ** digits) / 10 ** digits;
  return {
    floor: { wall: mid((r) => r.floor.wall), cpu: mid((r) => r.floor.cpu) },
    typical: { wall: mid((r) => r.typical.wall), cpu: mid((r) => r.typical.cpu) },
    ratio: {
      wall: mid((r) => r.typical.wall / r.floor.wall, 2),
      cpu: mid((r) => r.typical.cpu / r.floor.cpu, 2),
    },
  };
}

/** µs per create_async: a loop of calls minus the same loop without them, inside one execution. */
async function createAsyncMicros(sandbox: Sandbox, runs: number): Promise<number> {
  const loop = (body: string) =>
    `const b = new_product().name("x"); for (let i = 0; i < ${CREATE_CALLS}; i++) { ${body} }`;
  const duration = async (body: string) => {
    const result = await sandbox.run(task(loop(body)));
    check(result);
    return result.duration_ms;
  };
  const samples: number[] = [];
  for (let run = 0; run < runs + 1; run += 1) {
    const calls = await duration('b.create_async();');
    const empty = await duration('');
    if (run > 0) samples.push(((calls - empty) * 1000) / CREATE_CALLS);
  }
  return Math.round(median(samples) * 10) / 10;
}

/** Runs the typical execution `executions` times on one engine and reads its memory after a tenth and at the end. */
async function memoryOver(executions: number): Promise<MemoryRow> {
  const engine = await createEngine();
  const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  const typical = task(TYPICAL_SCRIPT);
  let early = engine.memory();
  for (let i = 1; i <= executions; i += 1) {
    check(await engine.run(typical));
    if (i === executions / 10) early = engine.memory();
  }
  const late = engine.memory();
  return {
    executions,
    heap_mib: [mib(early.heapBytes), mib(late.heapBytes)],
    used_mib: [mib(early.usedBytes), mib(late.usedBytes)],
    realms: engine.stats().realms,
  };
}

/** Sandbox throughput on one thread and through the pool, the cost of create_async, and memory over time. */
export async function benchSandbox(options: SandboxBenchOptions = {}): Promise<SandboxBenchResult> {
  const settings = { executions: 2000, runs: 5, threads: 2, memoryExecutions: 100_000, ...options };
  const inline = await createInlineSandbox();
  // The one-thread rows first, before the pool's threads exist: the process's CPU time is then this thread's.
  const { floor, typical, ratio } = await typicalAndFloor(inline, await quickJSAlone(), settings);
  const pool = await createSandboxPool({ threads: settings.threads });
  try {
    return {
      threads: settings.threads,
      runs: settings.runs,
      executions: settings.executions,
      quickjs_alone: floor,
      typical: {
        inline: await medianRate((n) => perSecond(inline, TYPICAL_SCRIPT, n), settings),
        pool: await medianRate((n) => perSecond(pool, TYPICAL_SCRIPT, n), settings),
      },
      typical_inline: typical,
      typical_vs_alone: ratio,
      tiny: {
        inline: await medianRate((n) => perSecond(inline, TINY_SCRIPT, n), settings),
        pool: await medianRate((n) => perSecond(pool, TINY_SCRIPT, n), settings),
      },
      spec_example: {
        inline: await medianRate((n) => perSecond(inline, SPEC_EXAMPLE, n), settings),
        pool: await medianRate((n) => perSecond(pool, SPEC_EXAMPLE, n), settings),
      },
      create_async_us: await createAsyncMicros(inline, settings.runs),
      memory: await memoryOver(settings.memoryExecutions),
    };
  } finally {
    await Promise.all([inline.close(), pool.close()]);
  }
}

/** The result as the standalone program prints it. */
function report(result: SandboxBenchResult): void {
  const rate = (value: number) => String(value).padStart(6);
  const line = (name: string, value: Throughput) =>
    `${name.padEnd(13)} ${rate(value.inline)} exec/s on 1 thread ${rate(value.pool)} exec/s on ${result.threads} threads`;
  console.log(`sandbox benchmark (median of ${result.runs} runs of ${result.executions} executions)`);
  const both = ({ wall, cpu }: Rate) => `${rate(cpu)} exec per CPU-second, ${rate(wall)} exec/s of wall clock`;
  console.log(`QuickJS alone ${both(result.quickjs_alone)} (runtime + context + eval + free)`);
  console.log(`typical       ${both(result.typical_inline)} (one after another)`);
  console.log(line('typical', result.typical));
  const { cpu, wall } = result.typical_vs_alone;
  console.log(`typical / QuickJS alone: ${cpu}× in CPU time, ${wall}× in wall-clock time`);
  console.log(line('print("hi")', result.tiny));
  console.log(line('SPEC example', result.spec_example));
  console.log(`create_async  ${result.create_async_us} µs per call`);
  const { memory } = result;
  console.log(
    `memory over ${memory.executions} typical executions: WASM heap ${memory.heap_mib.join(' → ')} MiB,` +
      ` QuickJS used ${memory.used_mib.join(' → ')} MiB, realms ${memory.realms}`,
  );
}

// Run as a program: the report, or with `--json '<SandboxBenchOptions>'` the result as one line of JSON (what
// `pnpm bench` runs, compiled, in a process of its own).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv.indexOf('--json');
  if (json < 0) report(await benchSandbox());
  else
    console.log(JSON.stringify(await benchSandbox(JSON.parse(process.argv[json + 1] ?? '{}') as SandboxBenchOptions)));
}
