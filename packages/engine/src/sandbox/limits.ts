import { isMainThread, resourceLimits } from 'node:worker_threads';
import { DEFAULT_LIMITS, type SandboxLimits } from './types.ts';

const MiB = 1024 * 1024;

/**
 * QuickJS runs on the host thread's native stack as well as on its own WASM stack: one byte of QuickJS stack
 * costs up to ~4 bytes of V8 stack (measured: 1 MiB needs a 4+ MiB thread). If V8 overflows first, the
 * RangeError unwinds through QuickJS and leaves it corrupt, so the QuickJS limit must trip first. (When it still
 * does not, the run fails with SCRIPT_STACK and the engine replaces the WASM instance.)
 */
const V8_BYTES_PER_SCRIPT_BYTE = 4;
/** The parser recurses through much bigger native frames: ~16-32 V8 bytes per byte of QuickJS stack. */
const V8_BYTES_PER_PARSE_BYTE = 32;
/** Headroom for the host frames below the sandbox (test runners, tsx, the worker loop). */
const HOST_RESERVE_BYTES = 256 * 1024;
/** The WASM build's own stack is ~5 MiB; QuickJS must stop well before it. */
const WASM_STACK_CAP_BYTES = 4 * MiB;

/** `task.limits` merged over DEFAULT_LIMITS; non-positive or non-finite values fall back to the default. */
export function resolveLimits(overrides: Partial<SandboxLimits> | undefined): SandboxLimits {
  const pick = (key: keyof SandboxLimits): number => {
    const value = overrides?.[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_LIMITS[key];
  };
  return {
    cpuMs: pick('cpuMs'),
    memoryBytes: pick('memoryBytes'),
    stackBytes: pick('stackBytes'),
    logLines: pick('logLines'),
    logChars: pick('logChars'),
    createCalls: pick('createCalls'),
  };
}

/** Native stack of the current thread: `--stack-size` (KiB) on the main thread, `stackSizeMb` in a worker. */
export function hostStackBytes(): number {
  if (!isMainThread) return (resourceLimits.stackSizeMb ?? 4) * MiB;
  const flag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
    .map((arg) => /^--stack[-_]size=(\d+)$/.exec(arg)?.[1])
    .find((value) => value !== undefined);
  return (flag === undefined ? 984 : Number(flag)) * 1024;
}

/** The largest QuickJS stack this thread can give a script without V8 overflowing first. */
export function maxScriptStackBytes(hostBytes = hostStackBytes()): number {
  const fits = Math.floor((hostBytes - HOST_RESERVE_BYTES) / V8_BYTES_PER_SCRIPT_BYTE);
  return Math.max(64 * 1024, Math.min(fits, WASM_STACK_CAP_BYTES));
}

/**
 * The QuickJS stack for a compile-only check, so that no source, however nested, can overflow V8 while parsing
 * (about 22 KiB on a main thread: 40-80 levels of nested functions, far more than real code uses).
 */
export function maxParseStackBytes(hostBytes = hostStackBytes()): number {
  return Math.max(8 * 1024, Math.floor((hostBytes - HOST_RESERVE_BYTES) / V8_BYTES_PER_PARSE_BYTE));
}

/**
 * Worker `stackSizeMb` that lets a script use `stackBytes` of QuickJS stack, for running and for parsing (the
 * hungrier of the two). Only the pages a thread touches are committed, so a generous size costs nothing.
 */
export function workerStackSizeMb(stackBytes: number): number {
  const needed = Math.min(stackBytes, WASM_STACK_CAP_BYTES) * V8_BYTES_PER_PARSE_BYTE + HOST_RESERVE_BYTES;
  return Math.ceil(needed / MiB);
}
