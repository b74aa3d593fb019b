import type { LogLevel } from '@fireflow/protocol';
import { MAX_LOG_CHARS } from './format.ts';
import type { ScriptLog } from './types.ts';

export const MAX_LOG_LINES = 1000;
/** Log levels by index, as the host functions pass them. */
export const LOG_LEVELS = ['log', 'info', 'warn', 'error'] as const satisfies readonly LogLevel[];

export interface LogSink {
  /** False once the line cap is reached, so the caller can skip reading the message out of QuickJS. */
  accepts(): boolean;
  add(level: number, message: string): void;
  /** The collected lines, plus one note if lines were dropped. */
  finish(): ScriptLog[];
}

/** Collects one execution's log lines, capped in size and number so a script cannot flood memory. */
export function createLogSink(maxLines = MAX_LOG_LINES, maxChars = MAX_LOG_CHARS): LogSink {
  const logs: ScriptLog[] = [];
  let dropped = 0;
  return {
    accepts: () => {
      if (logs.length < maxLines) return true;
      dropped += 1;
      return false;
    },
    add(level, message) {
      const text = message.length > maxChars ? `${message.slice(0, maxChars)}… [truncated]` : message;
      logs.push({ level: LOG_LEVELS[level] ?? ('log' satisfies LogLevel), message: text, ts: Date.now() });
    },
    finish() {
      if (dropped === 0) return logs;
      const lines = `${dropped} more log line${dropped === 1 ? '' : 's'}`;
      const note = `… ${lines} dropped (at most ${maxLines} per execution)`;
      return [...logs, { level: 'warn', message: note, ts: Date.now() }];
    },
  };
}
