import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { installBuilders, SECRET_KEY } from './api-builders.ts';
import { formatArgs } from './format.ts';
import type { Host } from './host.ts';
import { ScriptTypeError } from './host.ts';
import type { LogSink } from './log-sink.ts';
import type { RecordedRequest, ScriptInputs } from './types.ts';

const CONSOLE_LEVELS = { log: 0, info: 1, warn: 2, error: 3, debug: 0 } as const;

/** Binds a JSON input as `raw` (its text, when named) and `parsed` (its value; null if it is not JSON). */
function bindData(host: Host, raw: string | null, parsed: string, json: string | undefined): void {
  if (json === undefined) return;
  const { context } = host;
  if (raw) host.context.newString(json).consume((text) => host.setGlobal(raw, text));
  let value: QuickJSHandle;
  try {
    value = host.parse(json);
  } catch {
    value = context.null;
  }
  host.setGlobal(parsed, value);
  if (value.alive && value !== context.null) value.dispose();
}

/**
 * Defines the script API (SPEC §2) in a fresh context, all but the execution's own data (see bindInputs): that
 * part can be made before the execution is known, while a worker waits for work.
 */
export function installApi(host: Host, logs: LogSink, requests: RecordedRequest[]): void {
  const { context } = host;
  const logger = (name: string, level: number) =>
    host.fn(name, (...args) => {
      if (logs.accepts()) logs.add(level, formatArgs(context, args));
    });
  host.setGlobal('print', logger('print', 0));
  // Built on first use: five host functions cost more than most scripts spend on logging.
  context.defineProp(context.global, 'console', {
    configurable: true,
    enumerable: false,
    get: () => {
      const console = host.keep(context.newObject());
      for (const [name, level] of Object.entries(CONSOLE_LEVELS)) context.setProp(console, name, logger(name, level));
      host.freeze(console);
      context.defineProp(context.global, 'console', { value: console, configurable: true, enumerable: false });
      return console;
    },
  });
  host.setGlobal('parse_json', host.intrinsic('JSON.parse'));
  host.setGlobal('to_json', host.intrinsic('JSON.stringify'));
  host.setGlobal(
    'secret',
    host.fn('secret', (name) => {
      const text = host.read(name, 'string', 'secret name');
      if (!text) throw new ScriptTypeError('secret name must be a non-empty string');
      const ref = context.newObject();
      context.newString('secret').consume((type) => context.setProp(ref, 'type', type));
      context.newString(text).consume((value) => {
        context.setProp(ref, 'name', value);
        context.defineProp(ref, SECRET_KEY, { value, enumerable: false, configurable: false });
      });
      host.freeze(ref);
      return ref;
    }),
  );
  installBuilders(host, requests);
}

/**
 * Binds one execution's data: `execution`, and the Stripe answer of a response/error execution. Data is bound as
 * values (JSON parsed inside QuickJS), never spliced into source, so a response full of backticks and `${…}`
 * stays an inert string.
 */
export function bindInputs(host: Host, inputs: ScriptInputs): void {
  const { context } = host;
  // Built on first use, then fixed as a read-only value; until then there is no setter, so it is read-only.
  context.defineProp(context.global, 'execution', {
    configurable: true,
    enumerable: true,
    get: () => {
      const execution = host.keep(host.parse(JSON.stringify(inputs.execution)));
      host.freeze(execution);
      context.defineProp(context.global, 'execution', { value: execution, enumerable: true, configurable: false });
      return execution;
    },
  });
  bindData(host, 'response_json', 'parsed_data', inputs.response_json);
  bindData(host, 'error_json', 'parsed_error', inputs.error_json);
  bindData(host, null, 'request', inputs.request_json);
}
