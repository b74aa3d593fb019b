import type { ExecutionError, ExecutionErrorCode } from '@fireflow/protocol';
import type { SandboxLimits } from './types.ts';

/** What the host knows about why QuickJS stopped, besides the thrown value. */
export type StopReason = 'timeout' | 'memory' | 'stack' | null;

/** A thrown value as read out of QuickJS (`context.dump` of an Error gives name/message/stack). */
export interface ThrownValue {
  name?: string;
  message: string;
  stack?: string;
}

export interface Location {
  line: number;
  column: number;
}

const FRAME_LOCATION = /^(.*):(\d+):(\d+)$/;
const UNAVAILABLE = ['require', 'process', 'fetch', 'module', 'exports', 'setTimeout', 'setInterval', 'setImmediate'];

/**
 * The first stack frame in `file`, 1-based, moved up by `lineOffset` (the lines a wrapper put above the script).
 * QuickJS frames read `    at fn (file:line:col)` or, for syntax errors, `    at file:line:col`. Frames of the
 * realm's own code and of eval'd code are skipped.
 */
export function locate(stack: string | undefined, file: string, lineOffset = 0): Location | null {
  for (const raw of (stack ?? '').split('\n')) {
    const frame = raw.trim().replace(/^at /, '');
    const open = frame.lastIndexOf('(');
    const where = open >= 0 && frame.endsWith(')') ? frame.slice(open + 1, -1) : frame;
    const match = FRAME_LOCATION.exec(where);
    if (match && match[1] === file)
      return { line: Math.max(1, Number(match[2]) - lineOffset), column: Number(match[3]) };
  }
  return null;
}

/** Reads whatever `context.dump` returned for a thrown value. */
export function thrownValue(dumped: unknown): ThrownValue {
  if (dumped !== null && typeof dumped === 'object') {
    const { name, message, stack } = dumped as Record<string, unknown>;
    if (typeof message === 'string' || typeof name === 'string') {
      return {
        ...(typeof name === 'string' ? { name } : {}),
        message: typeof message === 'string' ? message : '',
        ...(typeof stack === 'string' ? { stack } : {}),
      };
    }
    try {
      return { message: `Uncaught ${JSON.stringify(dumped)}` };
    } catch {
      return { message: 'Uncaught exception' };
    }
  }
  return { message: `Uncaught ${String(dumped)}` };
}

function codeOf(thrown: ThrownValue, stop: StopReason): ExecutionErrorCode {
  if (stop === 'timeout') return 'SCRIPT_TIMEOUT';
  if (stop === 'memory') return 'SCRIPT_MEMORY';
  if (stop === 'stack') return 'SCRIPT_STACK';
  // The parser reports its own stack overflow as a SyntaxError.
  if (thrown.message === 'stack overflow' && (thrown.name === 'InternalError' || thrown.name === 'SyntaxError')) {
    return 'SCRIPT_STACK';
  }
  if (thrown.name === 'SyntaxError' && !thrown.stack?.includes(' (')) return 'SCRIPT_SYNTAX';
  if (thrown.name === 'InternalError' && /out of memory|string too long/.test(thrown.message)) {
    return 'SCRIPT_MEMORY';
  }
  return 'SCRIPT_ERROR';
}

function messageOf(code: ExecutionErrorCode, thrown: ThrownValue, limits: SandboxLimits): string {
  const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MiB`;
  switch (code) {
    case 'SCRIPT_TIMEOUT':
      return `Script exceeded its CPU time limit of ${limits.cpuMs} ms`;
    case 'SCRIPT_MEMORY':
      return `Script exceeded its memory limit of ${mib(limits.memoryBytes)}`;
    case 'SCRIPT_STACK':
      return `Script exceeded its stack limit of ${mib(limits.stackBytes)} (too deep recursion?)`;
    default: {
      const text = thrown.name ? `${thrown.name}: ${thrown.message}` : thrown.message;
      const missing = /^'(\w+)' is not defined$/.exec(thrown.message)?.[1];
      return missing && UNAVAILABLE.includes(missing)
        ? `${text} (scripts have no require, import, process, fetch, timers or file system)`
        : text;
    }
  }
}

/** Turns what QuickJS threw into the execution error the host reports. */
export function executionError(
  thrown: ThrownValue,
  stop: StopReason,
  file: string,
  limits: SandboxLimits,
  lineOffset = 0,
): ExecutionError {
  const code = codeOf(thrown, stop);
  const where = locate(thrown.stack, file, lineOffset) ?? { line: 0, column: 0 };
  return { code, message: messageOf(code, thrown, limits), file, ...where };
}
