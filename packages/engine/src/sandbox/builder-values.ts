import type { SecretRef } from '@fireflow/protocol';
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { ScriptTypeError, type Host } from './host.ts';

/** Hidden property of a `secret()` reference holding the secret's name. */
export const SECRET_KEY = '__fireflow_secret';

/** Readers for builder arguments that are optional, a secret, or arbitrary JSON data. */
export function createValueReaders(host: Host) {
  const { context } = host;
  const optionalText = (value: QuickJSHandle | undefined, label: string): string | null => {
    if (host.isNullish(value)) return null;
    const text = host.read(value, 'string', label);
    if (!text) throw new ScriptTypeError(`${label} must be a non-empty string`);
    return text;
  };
  const optionalInt = (value: QuickJSHandle | undefined, label: string): number | undefined =>
    host.isNullish(value) ? undefined : host.read(value, 'integer', label);
  const secretRef = (value: QuickJSHandle | undefined): SecretRef => {
    if (value === undefined || host.isNullish(value)) return { type: 'secret', name: 'STRIPE_SECRET_KEY' };
    if (context.typeof(value) === 'string') {
      const key = context.getString(value);
      if (key) return { type: 'literal', value: key };
    } else if (context.typeof(value) === 'object') {
      const name = context.getProp(value, SECRET_KEY);
      const text = context.typeof(name) === 'string' ? context.getString(name) : null;
      name.dispose();
      if (text) return { type: 'secret', name: text };
    }
    throw new ScriptTypeError('create_async secret must be secret("NAME") or a key string');
  };
  const jsonCopy = (value: QuickJSHandle | undefined, label: string): unknown => {
    const type = value === undefined ? 'undefined' : context.typeof(value);
    if (value && !['undefined', 'function', 'symbol', 'bigint'].includes(type)) {
      const result = context.callFunction(host.intrinsic('JSON.stringify'), context.undefined, value);
      if (result.error) {
        // A stack overflow (toJSON recursing into set) must surface as one, not as "not JSON data".
        const { message } = context.dump(result.error) as { message?: unknown };
        if (message === 'stack overflow') throw result.error;
        result.error.dispose();
      } else {
        const text = context.typeof(result.value) === 'string' ? context.getString(result.value) : undefined;
        result.value.dispose();
        if (text !== undefined) return JSON.parse(text);
      }
    }
    throw new ScriptTypeError(`${label} must be JSON data (string, number, boolean, null, array or object)`);
  };
  return { optionalText, optionalInt, secretRef, jsonCopy };
}
