import { createEngine, type EngineOptions } from './engine.ts';
import type { Sandbox } from './types.ts';

/**
 * A sandbox on the calling thread: each run blocks it for the script's duration. For tests, tools and the
 * one-thread benchmark; servers use createSandboxPool. The script stack is capped by this thread's own stack
 * (about 180 KiB on a main thread with Node's default `--stack-size`).
 */
export async function createInlineSandbox(options: EngineOptions = {}): Promise<Sandbox> {
  const engine = await createEngine(options);
  let closed = false;
  return {
    run(task) {
      return closed ? Promise.reject(new Error('the sandbox is closed')) : engine.run(task);
    },
    async close() {
      closed = true;
    },
  };
}
