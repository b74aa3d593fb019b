import type { ExecutionError } from '@fireflow/protocol';
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import { executionError, locate, thrownValue, type StopReason } from './errors.ts';
import { WRAPPER_LINES, wrapScript, wrappedFunctionText, type Realm } from './realm.ts';
import type { SandboxLimits, ScriptTask } from './types.ts';

/** Compiled scripts kept per realm: far more than a flow has, few enough that their bytecode stays small. */
const CACHE_ENTRIES = 256;

/** A compiled script: its function, and which of the parsed inputs it names (see DATA_USES). */
export interface CompiledScript {
  fn: QuickJSHandle;
  uses: number;
}

/**
 * A thread's compiled scripts keyed by file name and source text (the Map's own string hashing is the digest, and
 * far cheaper per execution than a cryptographic one), oldest first; dropped with the realm they were compiled in.
 */
export type CompileCache = Map<string, CompiledScript>;

const cacheKey = (task: ScriptTask): string => `${task.file}\n${task.source}`;

/**
 * The inputs a script names, one bit each: only those are parsed and passed in (run-script.ts, realm/api.js).
 * A script that might reach them another way, through a direct eval, gets them all.
 */
export const USES = {
  parsed_data: 1,
  parsed_error: 2,
  request: 4,
  event: 8,
  response_json: 16,
  error_json: 32,
  event_json: 64,
} as const;
const ALL_USES = Object.values(USES).reduce((all, bit) => all | bit, 0);

function usesOf(source: string): number {
  if (/\beval\b/.test(source)) return ALL_USES;
  return Object.entries(USES).reduce(
    (uses, [name, bit]) => (new RegExp(`\\b${name}\\b`).test(source) ? uses | bit : uses),
    0,
  );
}

export type Compiled =
  | CompiledScript
  /** `poisoned`: the text ran code outside its function (it closed the wrapper early): drop the realm. */
  | { error: ExecutionError; poisoned: boolean };

/** What the thrown value of a failed compile or run reads as, located in the script's own lines. */
export function readThrown(
  context: QuickJSContext,
  thrown: QuickJSHandle,
  stop: StopReason,
  file: string,
  limits: SandboxLimits,
): ExecutionError {
  let dumped: unknown;
  try {
    dumped = context.dump(thrown);
  } catch {
    dumped = { message: 'the thrown value could not be read' };
  }
  return executionError(thrownValue(dumped), stop, file, limits, WRAPPER_LINES);
}

/**
 * Where a script's syntax goes wrong when the wrapper's own text is where the parser noticed (a `}` too many
 * closes the function early): compiled alone, without running, the script shows the real place.
 */
function locateAlone(context: QuickJSContext, task: ScriptTask, fallback: ExecutionError): ExecutionError {
  const alone = context.evalCode(task.source, task.file, { type: 'global', strict: true, compileOnly: true });
  if (!alone.error) {
    alone.value.dispose();
    const lines = task.source.split('\n');
    return { ...fallback, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
  }
  const thrown = thrownValue(alone.error.consume((error) => context.dump(error)));
  const where = locate(thrown.stack, task.file) ?? { line: 1, column: 1 };
  return { ...fallback, code: 'SCRIPT_SYNTAX', message: `SyntaxError: ${thrown.message}`, ...where };
}

function closedEarly(context: QuickJSContext, task: ScriptTask): ExecutionError {
  const message = "SyntaxError: unexpected '}': the script closes its own function early";
  return locateAlone(context, task, { code: 'SCRIPT_SYNTAX', message, file: task.file, line: 1, column: 1 });
}

/**
 * The script's compiled function from the cache, or compiled now: the script's text as the body of the API
 * wrapper, evaluated by the host (never reachable by a script) with its file name for stack traces. The result
 * must be exactly the wrapper's function; anything else means the text closed the wrapper early and ran code at
 * the top level, whose declarations would outlive the execution — so the realm is dropped.
 */
export function compileScript(
  realm: Realm,
  cache: CompileCache,
  task: ScriptTask,
  stop: () => StopReason,
  limits: SandboxLimits,
  onCompile: () => void,
): Compiled {
  const key = cacheKey(task);
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const { context } = realm;
  onCompile();
  const wrapped = wrapScript(task.source);
  const result = context.evalCode(wrapped, task.file, { type: 'global', strict: true });
  if (result.error) {
    const error = result.error.consume((thrown) => readThrown(context, thrown, stop(), task.file, limits));
    const beyond = error.code === 'SCRIPT_SYNTAX' && error.line > task.source.split('\n').length;
    return { error: beyond ? locateAlone(context, task, error) : error, poisoned: stop() !== null };
  }
  const bound = context
    .newString(wrappedFunctionText(wrapped))
    .consume((expected) => context.callFunction(realm.check, context.undefined, result.value, expected));
  result.value.dispose();
  if (bound.error || context.typeof(bound.value) !== 'function') {
    bound.dispose();
    return { error: closedEarly(context, task), poisoned: true };
  }
  const compiled = { fn: bound.value, uses: usesOf(task.source) };
  cache.set(key, compiled);
  if (cache.size > CACHE_ENTRIES) {
    const [oldest, evicted] = cache.entries().next().value as [string, CompiledScript];
    cache.delete(oldest);
    evicted.fn.dispose();
  }
  return compiled;
}
