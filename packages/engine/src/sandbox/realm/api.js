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
  const { isWellFormed, includes } = String.prototype;
  const TYPE_NAMES = { integer: 'an integer', string: 'a string', boolean: 'a boolean' };
  const LEVELS = { log: 0, info: 1, warn: 2, error: 3, debug: 0 };
  const TRUNCATED = '… [truncated]';
  // The wrapper's names in order (shared by every execution, then each execution's own), and each builder kind's
  // factory and setters (from the catalogue).
  const { sharedNames, ownNames, kinds, harden } = JSON.parse(config);
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
  const jsonOrNull = (value) => (value === null ? 'null' : stringify(value));
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
  // The output is a list of records, each a tag, numbers and a payload of the length given last (run-script.ts
  // reads them): log text crosses as it is, never escaped or parsed, and a request is serialized once, when made.
  // `out.parts` holds them in order.
  let out = null;
  const collect = () => {
    let trailer = '';
    if (out.dropped > 0) trailer += `D${out.dropped},${out.droppedFor.length},${out.droppedFor}`;
    if (out.rejection !== null) {
      const rejection = stringify(out.rejection);
      trailer += `X${rejection.length},${rejection}`;
    }
    return out.parts.join('') + trailer;
  };

  const log = (level, values) => {
    const { caps } = out;
    if (out.lines >= caps.lines || out.chars >= caps.chars) {
      out.dropped += 1;
      out.droppedFor ??= out.lines >= caps.lines ? 'lines' : 'chars';
      return;
    }
    const room = Math.min(caps.lineChars, caps.chars - out.chars);
    let text = values.length === 1 ? formatValue(values[0]) : '';
    for (let i = 0; values.length > 1 && i < values.length && text.length <= room; i += 1) {
      text += (i > 0 ? ' ' : '') + formatValue(values[i]);
    }
    if (text.length > room) text = text.slice(0, room) + TRUNCATED;
    out.chars += text.length;
    out.lines += 1;
    // The host reads the output as a C string: a NUL would end it, and a lone surrogate would not arrive as one
    // unit. Such a line goes as JSON, which escapes both.
    if (apply(isWellFormed, text, []) && !apply(includes, text, ['\u0000'])) {
      out.parts.push(`L${level},${now()},${text.length},${text}`);
    } else {
      const json = stringify(text);
      out.parts.push(`J${level},${now()},${json.length},${json}`);
    }
  };

  // Builders keep their parameters here, out of the script's reach; references made by secret() likewise.
  const states = new WeakMap();
  const secrets = new WeakSet();
  const stateOf = (builder) => {
    const state = typeof builder === 'object' && builder !== null ? states.get(builder) : undefined;
    if (state) return state;
    throw new TypeError('builder methods must be called on a builder, e.g. new_product().name("Hat")');
  };
  const DEFAULT_SECRET = { type: 'secret', name: 'STRIPE_SECRET_KEY' };
  const DEFAULT_SECRET_JSON = stringify(DEFAULT_SECRET);
  const secretRef = (value) => {
    if (isNullish(value)) return DEFAULT_SECRET;
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
        if (out.requests >= out.caps.requests) {
          throw new TypeError(`a script may make at most ${out.caps.requests} create calls per execution`);
        }
        const workerJson = jsonOrNull(optionalText(workerId, 'create_async worker_id'));
        const contextJson = jsonOrNull(optionalText(contextId, 'create_async context_id'));
        const ref = secretRef(secret);
        const secretJson = ref === DEFAULT_SECRET ? DEFAULT_SECRET_JSON : stringify(ref);
        out.requests += 1;
        // Written out around the parts that vary, rather than as one object serialized whole.
        const json =
          `{"kind":"${kind}","params":${stringify(state.params)},"node":${jsonOrNull(state.node)},` +
          `"worker_id":${workerJson},"context_id":${contextJson},"secret":${secretJson}}`;
        out.parts.push(`R${json.length},${json}`);
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
  const shared = sharedNames.map((name) => api[name]);
  // `run` passes each execution's own values as eight arguments, in this order.
  if (ownNames.length !== 8) throw new Error(`expected 8 per-execution names, got ${ownNames.length}`);
  const slot = (name) => ownNames.indexOf(name);
  const EXECUTION = slot('execution');
  const RESPONSE = { raw: slot('response_json'), parsed: slot('parsed_data'), bit: 1 };
  const ERROR = { raw: slot('error_json'), parsed: slot('parsed_error'), bit: 2 };
  const EVENT = { raw: slot('event_json'), parsed: slot('event'), bit: 8 };
  const REQUEST = { raw: -1, parsed: slot('request'), bit: 4 };
  // The host passes only the data the script names (`uses`, from its look at the source), and only what it
  // names is parsed: parsing JSON is most of what a small execution costs in QuickJS.
  const bind = (args, slots, text, uses) => {
    if (text === undefined) return;
    if (slots.raw >= 0) args[slots.raw] = text;
    if (uses & slots.bit) args[slots.parsed] = parseOr(text, null);
  };
  const SEPARATOR = '\u0001';
  // Each execution's caps, by their text: a thread sees few distinct limits.
  const capsByText = new Map();
  const capsOf = (text) => {
    let caps = capsByText.get(text);
    if (caps === undefined) {
      const [lines, chars, lineChars, requests] = text.split(' ');
      caps = freeze({ lines: +lines, chars: +chars, lineChars: +lineChars, requests: +requests });
      if (capsByText.size >= 64) capsByText.clear();
      capsByText.set(text, caps);
    }
    return caps;
  };

  /**
   * Runs one execution of a compiled script (what `check` returned for it). `text` carries the seed, the caps,
   * which data the script uses and the execution's fields, joined by U+0001 (or as JSON when a field holds one);
   * the Stripe data comes as raw texts the script names (see bind). Returns the output so far; the host calls
   * `collect` again if promise jobs ran after it. A synchronous throw propagates to the host.
   */
  const run = (compiled, text, response, error, request, event) => {
    const f = text[0] === '[' ? parse(text) : text.split(SEPARATOR);
    reseed(f[0]);
    const uses = +f[2];
    out = {
      caps: capsOf(f[1]),
      parts: [],
      lines: 0,
      requests: 0,
      chars: 0,
      dropped: 0,
      droppedFor: null,
      rejection: null,
    };
    const args = new Array(ownNames.length);
    args[EXECUTION] = freeze({
      id: f[3],
      run_id: f[4],
      context_id: f[5],
      worker_id: f[6],
      node_id: f[7],
      trigger: f[8],
    });
    bind(args, RESPONSE, response, uses);
    bind(args, ERROR, error, uses);
    bind(args, REQUEST, request, uses);
    bind(args, EVENT, event, uses);
    // Called directly, not through Reflect.apply: `compiled` is the realm's own frozen function.
    const result = compiled(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7])();
    if (result !== null && (typeof result === 'object' || typeof result === 'function')) {
      const pending = out;
      Promise.resolve(result).then(undefined, (error) => {
        pending.rejection = describe(error);
      });
    }
    return collect();
  };

  /**
   * When `wrapper` is exactly the text the host built (the script did not close it early), binds the shared API
   * once and returns the function each execution calls; otherwise false.
   */
  const check = (wrapper, expected) => {
    if (typeof wrapper !== 'function' || apply(functionSource, wrapper, []) !== expected) return false;
    return freeze(apply(wrapper, undefined, shared));
  };

  return { run, collect, check };
});
