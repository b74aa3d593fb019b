// Evaluated once per context, after lockdown. Builds each execution's script API (SPEC §2) fresh, inside the
// context: logs and create requests are buffered here and handed to the host as one JSON string, so a typical
// execution crosses the host boundary a handful of times however much it logs or builds.
(function makeApi(reseed, config) {
  'use strict';
  const { apply } = Reflect;
  const { freeze, hasOwn } = Object;
  const { parse, stringify } = JSON;
  const functionSource = Function.prototype.toString;
  const isInteger = Number.isInteger;
  const now = Date.now;
  const TYPE_NAMES = { integer: 'an integer', string: 'a string', boolean: 'a boolean' };
  const LEVELS = { log: 0, info: 1, warn: 2, error: 3, debug: 0 };
  const TRUNCATED = '… [truncated]';
  // The wrapper's parameter names in order, and each builder kind's factory and setters (from the catalogue).
  const { names, kinds, harden } = JSON.parse(config);
  const freezeAll = (value) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || Object.isFrozen(value)) return;
    freeze(value);
    for (const key of Reflect.ownKeys(value)) freezeAll(Object.getOwnPropertyDescriptor(value, key).value);
  };

  const read = (value, type, label) => {
    if (type === 'integer' ? typeof value === 'number' && isInteger(value) : typeof value === type) return value;
    throw new TypeError(`${label} must be ${TYPE_NAMES[type]}`);
  };
  const isNullish = (value) => value === undefined || value === null;
  const optionalText = (value, label) => {
    if (isNullish(value)) return null;
    if (read(value, 'string', label) === '') throw new TypeError(`${label} must be a non-empty string`);
    return value;
  };
  const optionalInt = (value, label) => (isNullish(value) ? undefined : read(value, 'integer', label));
  const isStackOverflow = (error) => error instanceof InternalError && error.message === 'stack overflow';
  const jsonCopy = (value, label) => {
    const type = typeof value;
    if (value !== undefined && type !== 'function' && type !== 'symbol' && type !== 'bigint') {
      let text;
      try {
        text = stringify(value);
      } catch (error) {
        if (isStackOverflow(error)) throw error;
      }
      if (typeof text === 'string') return parse(text);
    }
    throw new TypeError(`${label} must be JSON data (string, number, boolean, null, array or object)`);
  };
  const parseOr = (text, fallback) => {
    try {
      return parse(text);
    } catch {
      return fallback;
    }
  };

  // print's rendering: strings as they are, errors as "Name: message", everything else as JSON.
  const formatValue = (value) => {
    switch (typeof value) {
      case 'string':
        return value;
      case 'function':
        return '[Function]';
      case 'undefined':
      case 'number':
      case 'symbol':
      case 'bigint':
        return String(value);
      default:
        if (value instanceof Error) return `${value.name}: ${value.message}`;
        try {
          const json = stringify(value);
          if (json !== undefined) return json;
        } catch (error) {
          if (isStackOverflow(error)) throw error;
        }
        return String(value);
    }
  };

  // What a thrown or rejected value reads as on the host (the shape the host's thrownValue gives a dump).
  const describe = (thrown) => {
    if (thrown !== null && (typeof thrown === 'object' || typeof thrown === 'function')) {
      const { name, message, stack } = thrown;
      if (typeof message === 'string' || typeof name === 'string') {
        return {
          name: typeof name === 'string' ? name : undefined,
          message: typeof message === 'string' ? message : '',
          stack: typeof stack === 'string' ? stack : undefined,
        };
      }
      try {
        return { message: `Uncaught ${stringify(thrown)}` };
      } catch {
        return { message: 'Uncaught exception' };
      }
    }
    return { message: `Uncaught ${String(thrown)}` };
  };

  // The execution running now: its inputs' caps and its buffered output. Only the API's own functions see it,
  // and only the current execution can call them (its promise jobs run before the next one starts).
  let out = null;
  const collect = () =>
    stringify([out.logs, out.requests, out.dropped, out.droppedFor, out.rejection === null ? null : out.rejection]);

  const log = (level, values) => {
    const { caps } = out;
    if (out.logs.length >= caps.lines || out.chars >= caps.chars) {
      out.dropped += 1;
      out.droppedFor ??= out.logs.length >= caps.lines ? 'lines' : 'chars';
      return;
    }
    const room = Math.min(caps.lineChars, caps.chars - out.chars);
    let text = '';
    for (let i = 0; i < values.length && text.length <= room; i += 1) {
      text += (i > 0 ? ' ' : '') + formatValue(values[i]);
    }
    if (text.length > room) text = text.slice(0, room) + TRUNCATED;
    out.chars += text.length;
    out.logs.push([level, text, now()]);
  };

  // Builders keep their parameters here, out of the script's reach; references made by secret() likewise.
  const states = new WeakMap();
  const secrets = new WeakSet();
  const stateOf = (builder) => {
    const state = typeof builder === 'object' && builder !== null ? states.get(builder) : undefined;
    if (state) return state;
    throw new TypeError('builder methods must be called on a builder, e.g. new_product().name("Hat")');
  };
  const secretRef = (value) => {
    if (isNullish(value)) return { type: 'secret', name: 'STRIPE_SECRET_KEY' };
    if (typeof value === 'string' && value !== '') return { type: 'literal', value };
    if (secrets.has(value)) return { type: 'secret', name: value.name };
    throw new TypeError('create_async secret must be secret("NAME") or a key string');
  };
  const special = {
    add_payment_method_type(type) {
      const value = read(type, 'string', 'payment method type');
      (stateOf(this).params.payment_method_types ??= []).push(value);
      return this;
    },
    recurring(interval, count) {
      const recurring = { interval: read(interval, 'string', 'recurring interval') };
      const intervalCount = optionalInt(count, 'recurring interval_count');
      if (intervalCount !== undefined) recurring.interval_count = intervalCount;
      stateOf(this).params.recurring = recurring;
      return this;
    },
    add_price(price, quantity) {
      const item = { price: read(price, 'string', 'price id') };
      const count = optionalInt(quantity, 'quantity');
      if (count !== undefined) item.quantity = count;
      (stateOf(this).params.items ??= []).push(item);
      return this;
    },
  };
  const makePrototype = (kind, { typed, specials }) => {
    const proto = {
      set(param, value) {
        const name = read(param, 'string', 'set: param');
        const state = stateOf(this);
        state.params[name] = hasOwn(typed, name) ? read(value, typed[name], name) : jsonCopy(value, name);
        return this;
      },
      metadata(key, value) {
        const name = read(key, 'string', 'metadata key');
        if (typeof value !== 'string' && typeof value !== 'number') {
          throw new TypeError('metadata value must be a string or a number');
        }
        (stateOf(this).params.metadata ??= {})[name] = String(value);
        return this;
      },
      node(id) {
        stateOf(this).node = read(id, 'string', 'node id');
        return this;
      },
      create_async(workerId, contextId, secret) {
        const state = stateOf(this);
        if (out.requests.length >= out.caps.requests) {
          throw new TypeError(`a script may make at most ${out.caps.requests} create calls per execution`);
        }
        out.requests.push({
          kind,
          params: parse(stringify(state.params)),
          node: state.node,
          worker_id: optionalText(workerId, 'create_async worker_id'),
          context_id: optionalText(contextId, 'create_async context_id'),
          secret: secretRef(secret),
        });
        return `${kind}_request_dispatched`;
      },
    };
    proto.create = proto.create_async;
    for (const name of specials) proto[name] = special[name];
    for (const name in typed) {
      const type = typed[name];
      proto[name] = function setter(value) {
        stateOf(this).params[name] = read(value, type, name);
        return this;
      };
    }
    return proto;
  };

  // The API is made once per realm; with hardening it is frozen like everything else, so no execution can
  // leave anything on it. What differs per execution is bound per call: `execution` and the Stripe data.
  const api = {
    print: function print(...values) {
      log(0, values);
    },
    console: {},
    parse_json: parse,
    to_json: stringify,
    secret: function secret(name) {
      if (read(name, 'string', 'secret name') === '') throw new TypeError('secret name must be a non-empty string');
      const ref = freeze({ type: 'secret', name });
      secrets.add(ref);
      return ref;
    },
  };
  for (const name in LEVELS) {
    const level = LEVELS[name];
    api.console[name] = function consoleMethod(...values) {
      log(level, values);
    };
  }
  for (const kind in kinds) {
    const proto = makePrototype(kind, kinds[kind]);
    api[kinds[kind].factory] = function builder() {
      const made = { __proto__: proto };
      states.set(made, { params: {}, node: null });
      return made;
    };
    if (harden) freezeAll(proto);
  }
  if (harden) freezeAll(api);
  const shared = names.map((name) => api[name]);
  const slot = (name) => names.indexOf(name);
  const EXECUTION = slot('execution');
  const RESPONSE = [slot('response_json'), slot('parsed_data'), 1];
  const ERROR = [slot('error_json'), slot('parsed_error'), 2];
  const EVENT = [slot('event_json'), slot('event'), 8];
  const REQUEST = [-1, slot('request'), 4];
  // The host passes only the data the script names (`uses`, from its look at the source), and only what it
  // names is parsed: parsing JSON is most of what a small execution costs in QuickJS.
  const bind = (args, [raw, parsed, bit], text, uses) => {
    if (text === undefined) return;
    if (raw >= 0) args[raw] = text;
    if (uses & bit) args[parsed] = parseOr(text, null);
  };
  const SEPARATOR = '\u0001';

  /**
   * Runs one execution of a compiled script. `text` carries the seed, the caps, which data the script uses and
   * the execution's fields, joined by U+0001 (or as JSON when a field holds one); the Stripe data comes as raw
   * texts the script names (see bind). Returns the output so far; the host calls `collect` again if promise jobs
   * ran after it. A synchronous throw propagates to the host.
   */
  const run = (compiled, text, response, error, request, event) => {
    const f = text[0] === '[' ? parse(text) : text.split(SEPARATOR);
    reseed([+f[0], +f[1], +f[2], +f[3]]);
    const caps = { lines: +f[4], chars: +f[5], lineChars: +f[6], requests: +f[7] };
    const uses = +f[8];
    out = { caps, logs: [], requests: [], chars: 0, dropped: 0, droppedFor: null, rejection: null };
    const args = shared.slice();
    args[EXECUTION] = freeze({
      id: f[9],
      run_id: f[10],
      context_id: f[11],
      worker_id: f[12],
      node_id: f[13],
      trigger: f[14],
    });
    bind(args, RESPONSE, response, uses);
    bind(args, ERROR, error, uses);
    bind(args, EVENT, event, uses);
    bind(args, REQUEST, request, uses);
    const result = apply(apply(compiled, undefined, args), undefined, []);
    if (result !== null && (typeof result === 'object' || typeof result === 'function')) {
      const pending = out;
      Promise.resolve(result).then(undefined, (error) => {
        pending.rejection = describe(error);
      });
    }
    return collect();
  };

  /** True when `compiled` is exactly the wrapper the host built (the script did not close it early). */
  const check = (compiled, expected) => {
    if (typeof compiled !== 'function' || apply(functionSource, compiled, []) !== expected) return false;
    freeze(compiled);
    return true;
  };

  return { run, collect, check };
});
