import { readFileSync } from 'node:fs';
import { SCRIPT_BUILDERS, STRIPE_KINDS } from '@fireflow/protocol';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { BUILDER_PARAMS } from './builder-specs.ts';
import { INTRINSICS } from './intrinsics.ts';
import { realmCalls, type RealmCalls } from './realm-calls.ts';

const LOCKDOWN_SOURCE = readFileSync(new URL('./realm/lockdown.js', import.meta.url), 'utf8');
const API_SOURCE = readFileSync(new URL('./realm/api.js', import.meta.url), 'utf8');

/** The script API every execution shares, in the order the wrapper binds it (SPEC §2). */
const SHARED_NAMES: readonly string[] = [
  'print',
  'console',
  'parse_json',
  'to_json',
  'secret',
  ...STRIPE_KINDS.map((kind) => SCRIPT_BUILDERS[kind].factory),
];
/** What each execution gets of its own: `execution` and the data it was dispatched with. */
const OWN_NAMES: readonly string[] = [
  'execution',
  'parsed_data',
  'response_json',
  'parsed_error',
  'error_json',
  'request',
  'event',
  'event_json',
];
const constants = (names: readonly string[], value: (i: number) => string) =>
  names.map((name, i) => `${name} = ${value(i)}`).join(', ');
/**
 * A script becomes the body of an inner function in two scopes of constants: the shared API, bound once when
 * the script is compiled, and each execution's own values (passed as parameters `$0`…, which make no arguments
 * object). A script may shadow them with its own declarations, and assigning one throws as it does for any
 * strict-mode constant. The header is one line, so the script's own lines follow it unchanged but one down
 * (WRAPPER_LINES).
 */
const HEADER =
  `(function () { 'use strict'; const ${constants(SHARED_NAMES, (i) => `arguments[${i}]`)}; ` +
  `return function (${OWN_NAMES.map((_, i) => `$${i}`).join(', ')}) { ` +
  `const ${constants(OWN_NAMES, (i) => `$${i}`)}; return function () {\n`;
const FOOTER = '\n}; }; })';
export const WRAPPER_LINES = 1;

export function wrapScript(source: string): string {
  return HEADER + source + FOOTER;
}

/** The source text of the function a wrapped script evaluates to, when the script did not close it early. */
export function wrappedFunctionText(wrapped: string): string {
  return wrapped.slice(1, -1);
}

/** Which Stripe kinds the API builds, their factory names and typed setters, for realm/api.js. */
function apiConfig(harden: boolean): string {
  const kinds = Object.fromEntries(
    STRIPE_KINDS.map((kind) => {
      const { factory, setters } = SCRIPT_BUILDERS[kind];
      const specials = setters.filter((setter) => !setter.check && setter.name !== 'metadata').map(({ name }) => name);
      return [kind, { factory, typed: BUILDER_PARAMS[kind], specials }];
    }),
  );
  return JSON.stringify({ sharedNames: SHARED_NAMES, ownNames: OWN_NAMES, kinds, harden });
}

/**
 * One QuickJS runtime and one hardened context, shared by every execution on a thread (SPEC §2): intrinsics and
 * globalThis deep-frozen by realm/lockdown.js, the per-execution API made by realm/api.js, compiled scripts
 * cached by the caller. Never freed piecemeal: after a limit or a fault the whole WASM instance is dropped.
 */
export interface Realm {
  readonly module: QuickJSWASMModule;
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  /** `run(compiled, head, response, error, request, event)`: one execution; returns its output records. */
  readonly run: QuickJSHandle;
  /** `collect()`: the current execution's output records (after promise jobs ran). */
  readonly collect: QuickJSHandle;
  /** `check(wrapper, expectedSource)`: if the wrapper is whole, the function each execution calls; else false. */
  readonly check: QuickJSHandle;
  /** The calls each execution makes into the realm (realm-calls.ts). */
  readonly calls: RealmCalls;
  /** Objects the lockdown froze (0 without hardening). */
  readonly frozen: number;
  /** Bytes QuickJS counted as used once the realm was built (the realm's own share of every memory limit). */
  readonly baseBytes: number;
}

export interface RealmOptions {
  /** Freeze the realm (default). Off only for the isolation tests' control, which must leak. */
  harden?: boolean;
}

function call(context: QuickJSContext, fn: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle {
  return context.unwrapResult(context.callFunction(fn, context.undefined, ...args));
}

function evaluate(context: QuickJSContext, source: string, file: string): QuickJSHandle {
  return context.unwrapResult(context.evalCode(source, file, { type: 'global', strict: true }));
}

/** Bytes QuickJS counts as used by the realm's runtime (it walks the heap: not for every execution). */
export function memoryUsed({ runtime, context }: { runtime: QuickJSRuntime; context: QuickJSContext }): number {
  return runtime
    .computeMemoryUsage()
    .consume((usage) => context.getProp(usage, 'memory_used_size').consume((used) => context.getNumber(used)));
}

/** Builds a realm in a new runtime of `module`. Throws if the lockdown fails (the module is then unusable). */
export function createRealm(module: QuickJSWASMModule, options: RealmOptions = {}): Realm {
  const runtime = module.newRuntime();
  const context = runtime.newContext({ intrinsics: INTRINSICS });
  const lockdown = evaluate(context, LOCKDOWN_SOURCE, 'fireflow:lockdown');
  const locked = call(context, lockdown, options.harden === false ? context.false : context.true);
  const reseed = context.getProp(locked, 'reseed');
  const frozen = context.getProp(locked, 'frozen').consume((count) => context.getNumber(count));
  const makeApi = evaluate(context, API_SOURCE, 'fireflow:api');
  const api = context
    .newString(apiConfig(options.harden !== false))
    .consume((config) => call(context, makeApi, reseed, config));
  const realm: Realm = {
    module,
    runtime,
    context,
    run: context.getProp(api, 'run'),
    collect: context.getProp(api, 'collect'),
    check: context.getProp(api, 'check'),
    calls: realmCalls(context),
    frozen,
    baseBytes: memoryUsed({ runtime, context }),
  };
  for (const handle of [lockdown, locked, reseed, makeApi, api]) handle.dispose();
  return realm;
}
