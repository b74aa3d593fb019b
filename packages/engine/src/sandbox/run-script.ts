import { randomFillSync } from 'node:crypto';
import type { ExecutionError, LogLevel } from '@fireflow/protocol';
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { compileScript, readThrown, USES, type CompileCache } from './compile.ts';
import { executionError, type StopReason, type ThrownValue } from './errors.ts';
import { resolveLimits } from './limits.ts';
import type { Realm } from './realm.ts';
import { WRAPPER_LINES } from './realm.ts';
import {
  MAX_LOG_LINE_CHARS,
  type RecordedRequest,
  type ScriptInputs,
  type SandboxLimits,
  type ScriptLog,
  type ScriptResult,
  type ScriptTask,
} from './types.ts';
import type { Watchdog } from './watchdog.ts';
import type { RealmCalls, RealmValue } from './realm-calls.ts';

/** Log levels by index, as realm/api.js records them. */
const LOG_LEVELS = ['log', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];
/** Rounds of running leftover promise jobs after a stop; each fails at once while the interrupt still fires. */
const MAX_DRAIN_ROUNDS = 1000;

/** A thread's realm and what goes with it; `spent` asks the owner to replace the whole WASM instance. */
export interface RealmState {
  realm: Realm;
  watchdog: Watchdog;
  cache: CompileCache;
  /** Set by the module loader when a script tried `import()`. */
  importName: string | null;
  /** Script stack and memory limit last given to the runtime (set again only when they change). */
  stackBytes: number;
  memoryBytes: number;
  spent: boolean;
  /** Scripts compiled in this realm (cache misses). */
  compiles: number;
  nextSeed: () => string;
}

/** The output realm/api.js collects: logs, requests, lines dropped and why, and a rejected result. */
interface Output {
  logs: ScriptLog[];
  requests: RecordedRequest[];
  dropped: number;
  droppedFor: 'lines' | 'chars' | null;
  rejection: ThrownValue | null;
}

const SEPARATOR = '\u0001';

/** Seeds for Math.random, four words per execution separated by spaces, drawn from the host's crypto in blocks. */
export function createSeedSource(): () => string {
  const seeds = new Uint32Array(1024);
  let at = seeds.length;
  return () => {
    if (at === seeds.length) {
      randomFillSync(seeds);
      at = 0;
    }
    at += 4;
    return `${seeds[at - 4]} ${seeds[at - 3]} ${seeds[at - 2]} ${seeds[at - 1]}`;
  };
}

/** What realm/api.js's `run` reads first: seed, caps, the data the script uses, the execution (see there). */
function inputText(task: ScriptTask, limits: SandboxLimits, seed: string, uses: number): string {
  const { id, run_id, context_id, worker_id, node_id, trigger } = task.inputs.execution;
  const caps = `${limits.logLines} ${limits.logChars} ${MAX_LOG_LINE_CHARS} ${limits.createCalls}`;
  const execution = `${id}\u0001${run_id}\u0001${context_id}\u0001${worker_id}\u0001${node_id}\u0001${trigger}`;
  // Five separators between the six fields: any more means a field holds one, and JSON says it unambiguously.
  if (execution.split(SEPARATOR, 7).length !== 6) {
    return JSON.stringify([seed, caps, String(uses), id, run_id, context_id, worker_id, node_id, trigger]);
  }
  return `${seed}\u0001${caps}\u0001${uses}\u0001${execution}`;
}

/** Reads realm/api.js's output records (see `out.parts` there); null (nothing collected) reads as no output. */
function readOutput(text: string | null): Output {
  const output: Output = { logs: [], requests: [], dropped: 0, droppedFor: null, rejection: null };
  if (text === null) return output;
  let at = 0;
  /** A decimal number and the comma after it. */
  const number = (): number => {
    const start = at;
    let value = 0;
    for (let code = text.charCodeAt(at); code >= 48 && code <= 57; code = text.charCodeAt(++at)) {
      value = value * 10 + code - 48;
    }
    if (at === start || text.charCodeAt(at) !== 44) throw new Error(`sandbox output is malformed at ${start}`);
    at += 1;
    return value;
  };
  const payload = (): string => {
    const length = number();
    if (at + length > text.length) throw new Error(`sandbox output is cut short at ${at}`);
    return text.slice(at, (at += length));
  };
  while (at < text.length) {
    const tag = text[at++];
    if (tag === 'L' || tag === 'J') {
      const level = LOG_LEVELS[number()] ?? 'log';
      const ts = number();
      const message = tag === 'L' ? payload() : (JSON.parse(payload()) as string);
      output.logs.push({ level, message, ts });
    } else if (tag === 'R') output.requests.push(JSON.parse(payload()) as RecordedRequest);
    else if (tag === 'X') output.rejection = JSON.parse(payload()) as ThrownValue;
    else if (tag === 'D') {
      output.dropped = number();
      output.droppedFor = payload() === 'chars' ? 'chars' : 'lines';
    } else throw new Error(`sandbox output has an unknown record ${tag} at ${at - 1}`);
  }
  return output;
}

function logsOf({ logs, dropped, droppedFor }: Output, limits: SandboxLimits): ScriptLog[] {
  if (dropped === 0) return logs;
  const what = `${dropped} more log line${dropped === 1 ? '' : 's'}`;
  const cap =
    droppedFor === 'chars'
      ? `${Math.round(limits.logChars / 1024)} KiB of log text per execution`
      : `${limits.logLines} per execution`;
  logs.push({ level: 'warn', message: `… ${what} dropped (at most ${cap})`, ts: Date.now() });
  return logs;
}

/**
 * realm/api.js's `run` arguments after the head: the raw texts of the response, error, request and event, each
 * only when the script names it or the value parsed from it (`uses`).
 */
function dataValues(calls: RealmCalls, inputs: ScriptInputs, uses: number): RealmValue[] {
  const data: [string | undefined, number][] = [
    [inputs.response_json, USES.response_json | USES.parsed_data],
    [inputs.error_json, USES.error_json | USES.parsed_error],
    [inputs.request_json, USES.request],
    [inputs.event_json, USES.event_json | USES.event],
  ];
  return data.map(([text, bits]) => (text !== undefined && uses & bits ? calls.string(text) : 0));
}

/** Where `import(...)` appears in the source, for the error location (QuickJS reports none for it). */
export function importLocation(source: string): { line: number; column: number } {
  const index = /\bimport\s*\(/.exec(source)?.index;
  if (index === undefined) return { line: 0, column: 0 };
  const before = source.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** What went wrong in the host (not in the script): a V8 stack overflow inside QuickJS, or a WASM abort. */
export function faultError(error: unknown, file: string, limits: SandboxLimits): ExecutionError {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return executionError({ message: error.message }, 'stack', file, limits);
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `sandbox failure: ${message}`, file, line: 0, column: 0 };
}

/** Runs the promise jobs a script queued, within its budget; a failing job counts as what the script threw. */
function runJobs(state: RealmState, thrown: QuickJSHandle | null): QuickJSHandle | null {
  const { runtime } = state.realm;
  for (let round = 0; runtime.hasPendingJob(); round += 1) {
    // Jobs left queued after a stop each fail at once; a runtime that still has some is dropped, not freed.
    if (round === MAX_DRAIN_ROUNDS) throw new Error('promise jobs kept queueing after the script stopped');
    const jobs = runtime.executePendingJobs();
    if (!jobs.error) continue;
    if (thrown) jobs.error.dispose();
    else thrown = jobs.error;
  }
  return thrown;
}

/**
 * Runs one script in the thread's realm and returns its logs, recorded Stripe requests and outcome. Never throws
 * for anything the script does. After a limit, a fault or a poisoned compile it sets `state.spent`: the realm
 * may hold what the script left mid-way, so the owner replaces it before the next execution.
 */
/** The limits of a task that sets none, by the thread's stack: what nearly every execution runs with. */
const defaultLimits = new Map<number, Readonly<SandboxLimits>>();

function limitsOf(task: ScriptTask, maxStackBytes: number): Readonly<SandboxLimits> {
  const known = task.limits === undefined ? defaultLimits.get(maxStackBytes) : undefined;
  if (known) return known;
  const limits = resolveLimits(task.limits);
  // The thread's native stack may allow less than asked for (see limits.ts); errors report what applied.
  limits.stackBytes = Math.min(limits.stackBytes, maxStackBytes);
  if (task.limits === undefined) defaultLimits.set(maxStackBytes, Object.freeze(limits));
  return limits;
}

export function runScript(state: RealmState, task: ScriptTask, maxStackBytes: number): ScriptResult {
  const started = performance.now();
  const limits = limitsOf(task, maxStackBytes);
  const { realm, watchdog } = state;
  const { runtime, context } = realm;
  let error: ExecutionError | null = null;
  let output: string | null = null;
  let parsed: Output | null = null;
  let stopped: StopReason = null;
  let thrown: QuickJSHandle | null = null;
  try {
    if (state.stackBytes !== limits.stackBytes) runtime.setMaxStackSize((state.stackBytes = limits.stackBytes));
    if (state.memoryBytes !== limits.memoryBytes) {
      runtime.setMemoryLimit(realm.baseBytes + (state.memoryBytes = limits.memoryBytes));
    }
    state.importName = null;
    watchdog.arm(limits, realm.baseBytes);
    const compiled = compileScript(realm, state.cache, task, watchdog.reason, limits, () => (state.compiles += 1));
    if ('error' in compiled) {
      error = compiled.error;
      if (compiled.poisoned) state.spent = true;
    } else {
      const { calls } = realm;
      const values = [calls.string(inputText(task, limits, state.nextSeed(), compiled.uses))];
      values.push(...dataValues(calls, task.inputs, compiled.uses));
      const result = calls.callForText(realm.run, [compiled.fn.value, ...values]);
      values.forEach(calls.release);
      if ('thrown' in result) thrown = result.thrown;
      else output = result.text;
      if (runtime.hasPendingJob()) {
        thrown = runJobs(state, thrown);
        output = null;
      }
    }
    stopped = watchdog.reason();
    watchdog.disarm();
    if (output === null && !error) {
      const collected = realm.calls.callForText(realm.collect, []);
      if ('thrown' in collected) collected.thrown.dispose();
      else output = collected.text;
    }
    parsed = readOutput(output);
    const { rejection } = parsed;
    if (state.importName !== null && !stopped) {
      const message = `import is not available in scripts ('${state.importName}')`;
      error = { code: 'SCRIPT_ERROR', message, file: task.file, ...importLocation(task.source) };
    } else if (thrown) error = readThrown(context, thrown, stopped, task.file, limits);
    else if (rejection) error = executionError(rejection, stopped, task.file, limits, WRAPPER_LINES);
    // A promise job swallows even an interrupt (it becomes a rejection), so a stop is checked on its own.
    else if (stopped) error ??= executionError({ message: '' }, stopped, task.file, limits);
  } catch (cause) {
    state.spent = true;
    error ??= faultError(cause, task.file, limits);
  } finally {
    if (thrown?.alive && !state.spent) thrown.dispose();
  }
  if (stopped || error?.code === 'SCRIPT_STACK' || error?.code === 'SCRIPT_MEMORY') state.spent = true;
  parsed ??= readOutput(null);
  const logs = logsOf(parsed, limits);
  const duration_ms = performance.now() - started;
  // Written out, not spread: this runs for every execution.
  if (error) return { ok: false, logs, requests: parsed.requests, duration_ms, error };
  return { ok: true, logs, requests: parsed.requests, duration_ms };
}
