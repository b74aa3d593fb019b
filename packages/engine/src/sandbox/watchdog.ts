import type { QuickJSContext, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import type { StopReason } from './errors.ts';
import { heapGuardOf } from './quickjs.ts';
import { memoryUsed } from './realm.ts';
import type { SandboxLimits } from './types.ts';

const MiB = 1024 * 1024;
/** The heap a fresh module starts with, and room for fragmentation and the host's own calls. */
const HEAP_BASE_BYTES = 16 * MiB;
const HEAP_SLACK_BYTES = 48 * MiB;

/** The largest WASM heap a script with this memory limit may grow (see HeapGuard). */
export function heapCapBytes(memoryBytes: number): number {
  return HEAP_BASE_BYTES + memoryBytes + HEAP_SLACK_BYTES;
}

/**
 * Enforces each execution's CPU deadline and memory limit from QuickJS's interrupt handler (called every few
 * thousand bytecodes), for a runtime that runs execution after execution. Installed once; armed per execution.
 */
export interface Watchdog {
  /** The runtime's interrupt handler: true stops the script with an uncatchable error. */
  readonly interrupt: () => boolean;
  /** Starts one execution's clock and memory accounting; `baseBytes` is what the realm itself holds. */
  arm(limits: SandboxLimits, baseBytes: number): void;
  /** Stops interrupting: the host's own calls that follow (collecting output) run no script code. Read reason first. */
  disarm(): void;
  /** Why the script was stopped, if the host stopped it. */
  reason(): StopReason;
}

export function createWatchdog(module: QuickJSWASMModule, runtime: QuickJSRuntime, context: QuickJSContext): Watchdog {
  const guard = heapGuardOf(module);
  const memory = module.getWasmMemory() as unknown as { readonly buffer: ArrayBuffer };
  let deadline = Infinity;
  let memoryLimit = Infinity;
  let checkedHeap = 0;
  let reason: StopReason = null;
  const overMemory = (): boolean => {
    try {
      return memoryUsed({ runtime, context }) > memoryLimit; // walks the heap: only when it has grown
    } catch {
      return true; // the check itself ran out of memory
    }
  };
  return {
    interrupt: () => {
      if (reason) return true;
      if (deadline === Infinity) return false;
      if (performance.now() > deadline) reason = 'timeout';
      else if (memory.buffer.byteLength > checkedHeap) {
        checkedHeap = memory.buffer.byteLength;
        if (overMemory()) reason = 'memory';
      }
      return reason !== null;
    },
    arm(limits, baseBytes) {
      if (guard) {
        guard.capBytes = heapCapBytes(limits.memoryBytes);
        guard.refusals = 0;
      }
      reason = null;
      memoryLimit = baseBytes + limits.memoryBytes;
      checkedHeap = memory.buffer.byteLength;
      deadline = performance.now() + limits.cpuMs;
    },
    disarm() {
      deadline = Infinity;
      reason = null;
    },
    reason: () => reason ?? (guard && guard.refusals > 0 ? 'memory' : null),
  };
}
