import type { QuickJSContext, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { StopReason } from './errors.ts';
import { heapGuardOf } from './quickjs.ts';
import type { SandboxLimits } from './types.ts';

const MiB = 1024 * 1024;
/** The heap a fresh module starts with, and room for fragmentation and the host's own calls. */
const HEAP_BASE_BYTES = 16 * MiB;
const HEAP_SLACK_BYTES = 48 * MiB;

/** The largest WASM heap a script with this memory limit may grow (see HeapGuard). */
export function heapCapBytes(memoryBytes: number): number {
  return HEAP_BASE_BYTES + memoryBytes + HEAP_SLACK_BYTES;
}

export interface Watchdog {
  /** The runtime's interrupt handler: true stops the script with an uncatchable error. */
  interrupt: () => boolean;
  /** Why the script was stopped, if the host stopped it. */
  reason: () => StopReason;
}

/** Bytes QuickJS counts as in use. It walks the whole heap, so it runs only when the heap has grown. */
function usedBytes(runtime: QuickJSRuntime, context: QuickJSContext): number {
  const usage = runtime.computeMemoryUsage();
  try {
    const used = context.getProp(usage, 'memory_used_size');
    try {
      return context.getNumber(used);
    } finally {
      used.dispose();
    }
  } finally {
    usage.dispose();
  }
}

/**
 * Enforces one execution's CPU deadline and memory limit from QuickJS's interrupt handler (called every few
 * thousand bytecodes), and arms the module's heap guard for this execution.
 */
export function createWatchdog(
  module: QuickJSWASMModule,
  runtime: QuickJSRuntime,
  context: QuickJSContext,
  limits: SandboxLimits,
): Watchdog {
  const guard = heapGuardOf(module);
  if (guard) {
    guard.capBytes = heapCapBytes(limits.memoryBytes);
    guard.refusals = 0;
  }
  const memory = module.getWasmMemory() as unknown as { readonly buffer: ArrayBuffer };
  const deadline = performance.now() + limits.cpuMs;
  let checkedHeap = memory.buffer.byteLength;
  let reason: StopReason = null;
  const overMemory = (): boolean => {
    try {
      return usedBytes(runtime, context) > limits.memoryBytes;
    } catch {
      return true; // the check itself ran out of memory
    }
  };
  return {
    interrupt: () => {
      if (reason) return true;
      if (performance.now() > deadline) reason = 'timeout';
      else if (memory.buffer.byteLength > checkedHeap) {
        checkedHeap = memory.buffer.byteLength;
        if (overMemory()) reason = 'memory';
      }
      return reason !== null;
    },
    reason: () => reason ?? (guard && guard.refusals > 0 ? 'memory' : null),
  };
}
