import type { QuickJSContext, QuickJSHandle, VmCallResult } from 'quickjs-emscripten-core';
import { TYPE_NAMES, type ParamType } from './builder-specs.ts';

/** Thrown by a host function to make the script see a TypeError at its own call site. */
export class ScriptTypeError extends Error {}

/**
 * Script → host → script recursion (e.g. `print` of an object whose toJSON prints) is not seen by QuickJS's
 * stack check in this build and overflows the WASM stack, so the host bounds it itself, as a stack overflow.
 */
const MAX_HOST_DEPTH = 32;

type HostImpl = (this: QuickJSHandle, ...args: QuickJSHandle[]) => QuickJSHandle | void;
type Intrinsic = 'JSON.parse' | 'JSON.stringify' | 'Object.freeze' | 'TypeError';

/**
 * One execution's bridge to its QuickJS context: host functions, the handles to release before the context
 * goes, and a few built-ins looked up once. The API is made of host functions rather than JavaScript because
 * QuickJS compiles slowly in WASM (~3 µs per statement), and that would be paid on every execution.
 */
export interface Host {
  context: QuickJSContext;
  keep<T extends QuickJSHandle>(handle: T): T;
  fn(name: string, impl: HostImpl): QuickJSHandle;
  setGlobal(name: string, value: QuickJSHandle): void;
  intrinsic(name: Intrinsic): QuickJSHandle;
  /** JSON text to a value inside QuickJS (the caller owns the handle). */
  parse(json: string): QuickJSHandle;
  freeze(value: QuickJSHandle): void;
  /** An omitted argument, `undefined` or `null`. */
  isNullish(value: QuickJSHandle | undefined): boolean;
  /** Reads a script value as `type`, or throws `<label> must be <type>`. */
  read(value: QuickJSHandle | undefined, type: 'string', label: string): string;
  read(value: QuickJSHandle | undefined, type: 'integer', label: string): number;
  read(value: QuickJSHandle | undefined, type: ParamType, label: string): string | number | boolean;
  dispose(): void;
}

export function createHost(context: QuickJSContext): Host {
  const held: QuickJSHandle[] = [];
  const intrinsics = new Map<Intrinsic, QuickJSHandle>();
  let depth = 0;
  const keep = <T extends QuickJSHandle>(handle: T): T => {
    held.push(handle);
    return handle;
  };
  const call = (fn: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle =>
    context.unwrapResult(context.callFunction(fn, context.undefined, ...args));
  function read(value: QuickJSHandle | undefined, type: 'string', label: string): string;
  function read(value: QuickJSHandle | undefined, type: 'integer', label: string): number;
  function read(value: QuickJSHandle | undefined, type: ParamType, label: string): string | number | boolean;
  function read(value: QuickJSHandle | undefined, type: ParamType, label: string): string | number | boolean {
    const actual = value === undefined ? 'undefined' : context.typeof(value);
    if (value !== undefined && actual === (type === 'integer' ? 'number' : type)) {
      if (type === 'string') return context.getString(value);
      if (type === 'boolean') return context.dump(value) === true;
      const number = context.getNumber(value);
      if (Number.isInteger(number)) return number;
    }
    throw new ScriptTypeError(`${label} must be ${TYPE_NAMES[type]}`);
  }
  const host: Host = {
    context,
    keep,
    fn(name, impl) {
      return keep(
        context.newFunction(name, function (this: QuickJSHandle, ...args):
          QuickJSHandle | VmCallResult<QuickJSHandle> | void {
          if (depth >= MAX_HOST_DEPTH)
            return { error: context.newError({ name: 'InternalError', message: 'stack overflow' }) };
          depth += 1;
          try {
            return impl.apply(this, args);
          } catch (error) {
            if (!(error instanceof ScriptTypeError)) throw error;
            const message = context.newString(error.message);
            try {
              return { error: call(host.intrinsic('TypeError'), message) };
            } finally {
              message.dispose();
            }
          } finally {
            depth -= 1;
          }
        }),
      );
    },
    setGlobal(name, value) {
      context.setProp(context.global, name, value);
    },
    intrinsic(name) {
      let handle = intrinsics.get(name);
      if (!handle) {
        const [outerName, innerName] = name.split('.') as [string, string?];
        const outer = context.getProp(context.global, outerName);
        handle = keep(innerName === undefined ? outer : context.getProp(outer, innerName));
        if (handle !== outer) outer.dispose();
        intrinsics.set(name, handle);
      }
      return handle;
    },
    parse(json) {
      const text = context.newString(json);
      try {
        return call(host.intrinsic('JSON.parse'), text);
      } finally {
        text.dispose();
      }
    },
    freeze(value) {
      call(host.intrinsic('Object.freeze'), value).dispose();
    },
    isNullish(value) {
      return value === undefined || context.typeof(value) === 'undefined' || context.sameValue(value, context.null);
    },
    read,
    dispose() {
      for (const handle of held.splice(0).reverse()) if (handle.alive) handle.dispose();
    },
  };
  return host;
}
