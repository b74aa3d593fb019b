import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';

/** Longest message kept per log line. */
export const MAX_LOG_CHARS = 65_536;

/** `{ name, message, stack }` is how `context.dump` renders an Error (they have no enumerable own keys). */
function errorText(dumped: object): string | null {
  const keys = Object.keys(dumped);
  const { name, message } = dumped as Record<string, unknown>;
  const onlyErrorKeys = keys.every((key) => key === 'name' || key === 'message' || key === 'stack');
  return onlyErrorKeys && typeof message === 'string' && keys.includes('stack')
    ? `${typeof name === 'string' ? name : 'Error'}: ${message}`
    : null;
}

/** One `print`/`console` argument as text: strings as they are, everything else as JSON. */
export function formatValue(context: QuickJSContext, value: QuickJSHandle): string {
  switch (context.typeof(value)) {
    case 'string':
      return context.getString(value);
    case 'undefined':
      return 'undefined';
    case 'number':
      return String(context.getNumber(value));
    case 'function':
      return '[Function]';
    case 'symbol':
    case 'bigint':
      return String(context.dump(value));
    default: {
      const dumped: unknown = context.dump(value);
      if (dumped !== null && typeof dumped === 'object') return errorText(dumped) ?? JSON.stringify(dumped);
      return typeof dumped === 'string' ? dumped : String(JSON.stringify(dumped));
    }
  }
}

/** The arguments of one `print(...)` call joined by spaces, cut at `maxChars` (one more char marks the cut). */
export function formatArgs(context: QuickJSContext, args: QuickJSHandle[], maxChars = MAX_LOG_CHARS): string {
  let text = '';
  for (let i = 0; i < args.length && text.length <= maxChars; i += 1) {
    text += (i > 0 ? ' ' : '') + formatValue(context, args[i]!);
  }
  return text;
}
