import { STRIPE_KINDS, type StripeKind } from '@fireflow/protocol';
import type { QuickJSHandle } from 'quickjs-emscripten-core';
import { BUILDER_PARAMS, paramType, type ParamType } from './builder-specs.ts';
import { createValueReaders } from './builder-values.ts';
import { ScriptTypeError, type Host } from './host.ts';
import type { RecordedRequest } from './types.ts';

/** A script that loops over create calls must not grow the host's memory without bound. */
export const MAX_REQUESTS = 1000;
/** Hidden, read-only property tying a script object to its host-side state. */
export const BUILDER_KEY = '__fireflow_builder';
export { SECRET_KEY } from './builder-values.ts';

interface BuilderState {
  kind: StripeKind;
  params: Record<string, unknown>;
  node: string | null;
}

type Method = (this: QuickJSHandle, ...args: QuickJSHandle[]) => QuickJSHandle | void;

/**
 * `new_<kind>()` for each Stripe kind. A builder is a script object holding only a hidden id; its parameters
 * live here, so setters and `create_async` are plain host calls. Each kind's prototype is made on first use.
 */
export function installBuilders(host: Host, requests: RecordedRequest[]): void {
  const { context } = host;
  const states: BuilderState[] = [];
  const prototypes = new Map<StripeKind, QuickJSHandle>();
  // A handle as the key saves copying the key string into QuickJS on every builder call.
  let builderKey: QuickJSHandle | undefined;
  const keyHandle = () => (builderKey ??= host.keep(context.newString(BUILDER_KEY)));

  const stateOf = (builder: QuickJSHandle): BuilderState => {
    if (context.typeof(builder) === 'object') {
      const id = context.getProp(builder, keyHandle());
      const state = states[context.getNumber(id)]; // NaN (no id) finds nothing
      id.dispose();
      if (state) return state;
    }
    throw new ScriptTypeError('builder methods must be called on a builder, e.g. new_product().name("Hat")');
  };
  const { optionalText, optionalInt, secretRef, jsonCopy } = createValueReaders(host);

  const common: Record<string, Method> = {
    set(param, value) {
      const name = host.read(param, 'string', 'set: param');
      const state = stateOf(this);
      const type = paramType(state.kind, name);
      state.params[name] = type ? host.read(value, type, name) : jsonCopy(value, name);
      return this;
    },
    metadata(key, value) {
      const name = host.read(key, 'string', 'metadata key');
      const type = value === undefined ? 'undefined' : context.typeof(value);
      if (type !== 'string' && type !== 'number')
        throw new ScriptTypeError('metadata value must be a string or a number');
      const state = stateOf(this);
      const metadata = (state.params.metadata ??= {}) as Record<string, string>;
      metadata[name] = type === 'string' ? context.getString(value!) : String(context.getNumber(value!));
      return this;
    },
    node(id) {
      stateOf(this).node = host.read(id, 'string', 'node id');
      return this;
    },
    create_async(workerId, contextId, secret) {
      const state = stateOf(this);
      if (requests.length >= MAX_REQUESTS) {
        throw new ScriptTypeError(`a script may make at most ${MAX_REQUESTS} create calls per execution`);
      }
      requests.push({
        kind: state.kind,
        params: JSON.parse(JSON.stringify(state.params)) as Record<string, unknown>,
        node: state.node,
        worker_id: optionalText(workerId, 'create_async worker_id'),
        context_id: optionalText(contextId, 'create_async context_id'),
        secret: secretRef(secret),
      });
      return context.newString(`${state.kind}_request_dispatched`);
    },
  };
  common.create = common.create_async!;

  const special: Partial<Record<StripeKind, Record<string, Method>>> = {
    payment_intent: {
      add_payment_method_type(type) {
        const value = host.read(type, 'string', 'payment method type');
        ((stateOf(this).params.payment_method_types ??= []) as unknown[]).push(value);
        return this;
      },
    },
    price: {
      recurring(interval, count) {
        const recurring: Record<string, unknown> = { interval: host.read(interval, 'string', 'recurring interval') };
        const intervalCount = optionalInt(count, 'recurring interval_count');
        if (intervalCount !== undefined) recurring.interval_count = intervalCount;
        stateOf(this).params.recurring = recurring;
        return this;
      },
    },
    subscription: {
      add_price(price, quantity) {
        const item: Record<string, unknown> = { price: host.read(price, 'string', 'price id') };
        const count = optionalInt(quantity, 'quantity');
        if (count !== undefined) item.quantity = count;
        ((stateOf(this).params.items ??= []) as unknown[]).push(item);
        return this;
      },
    },
  };

  // One host function per method: QuickJS compiles so slowly in WASM that even a tiny JavaScript factory
  // making these in the script's context costs more (measured: ~110 µs against ~65 µs for a prototype).
  const prototypeOf = (kind: StripeKind): QuickJSHandle => {
    let proto = prototypes.get(kind);
    if (proto) return proto;
    proto = host.keep(context.newObject());
    for (const [name, type] of Object.entries(BUILDER_PARAMS[kind]) as [string, ParamType][]) {
      const setter = host.fn(name, function (value) {
        stateOf(this).params[name] = host.read(value, type, name);
        return this;
      });
      context.setProp(proto, name, setter);
    }
    for (const [name, method] of Object.entries({ ...common, ...special[kind] })) {
      context.setProp(proto, name, host.fn(name, method));
    }
    prototypes.set(kind, proto);
    return proto;
  };

  for (const kind of STRIPE_KINDS) {
    host.setGlobal(
      `new_${kind}`,
      host.fn(`new_${kind}`, () => {
        const builder = context.newObject(prototypeOf(kind));
        const id = context.newNumber(states.push({ kind, params: {}, node: null }) - 1);
        context.defineProp(builder, keyHandle(), { value: id, configurable: false, enumerable: false });
        id.dispose();
        return builder;
      }),
    );
  }
}
