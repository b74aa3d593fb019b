// Evaluated once per context, before any script: makes the realm immutable so executions that share it cannot
// observe one another (SPEC §2). The host calls the function below with `harden` (false only for the tests'
// control, which must leak) and keeps what it returns; nothing here is reachable from globalThis.
(function lockdown(harden) {
  'use strict';
  const { defineProperty, freeze, getOwnPropertyDescriptor, getPrototypeOf, isFrozen } = Object;
  const { ownKeys } = Reflect;

  // Hooks that let one execution see another's objects or timing, or keep state outside the frozen graph.
  const STATEFUL = ['WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics'];
  // On quickjs-ng these are accessors on Error that freezing does not stop; deleted before anything is frozen.
  const ERROR_HOOKS = ['captureStackTrace', 'prepareStackTrace', 'stackTraceLimit'];

  // Math.random from a generator the host reseeds for every execution (sfc32: four 32-bit words of state). The
  // seed, four words separated by spaces, is applied at the execution's first call: most never make one.
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  let seed = null;
  const random = function random() {
    if (seed !== null) {
      const words = seed.split(' ');
      seed = null;
      a = words[0] | 0;
      b = words[1] | 0;
      c = words[2] | 0;
      d = words[3] | 1;
    }
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const reseed = (words) => {
    seed = words;
  };

  // Intrinsics that only syntax reaches: not properties of anything on globalThis.
  const hidden = () => {
    const generator = function* () {};
    const asyncGenerator = async function* () {};
    const iterators = [
      [].values(),
      new Map().values(),
      new Set().values(),
      ''[Symbol.iterator](),
      /x/[Symbol.matchAll](''),
      [].values().map((x) => x),
      Iterator.from({ next: () => ({ done: true }) }),
    ];
    return [
      getPrototypeOf(generator),
      getPrototypeOf(generator()),
      getPrototypeOf(async function () {}),
      getPrototypeOf(asyncGenerator),
      getPrototypeOf(asyncGenerator()),
      ...iterators.map(getPrototypeOf),
      (function () {
        return arguments;
      })(),
    ];
  };

  // Frozen prototypes turn the ordinary `instance.toString = …` into a TypeError ("the override mistake").
  // As SES does, these properties become accessors whose setter defines the property on the instance instead.
  const OVERRIDABLE = [
    [Object.prototype, null],
    [Array.prototype, null],
    [Function.prototype, ['constructor', 'bind', 'toString']],
    [Promise.prototype, ['constructor']],
    [Iterator.prototype, [Symbol.iterator]],
    ...[Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, InternalError, AggregateError]
      .filter((ctor) => typeof ctor === 'function')
      .map((ctor) => [ctor.prototype, ['constructor', 'message', 'name', 'toString']]),
  ];
  const allowOverride = (object, key) => {
    const descriptor = getOwnPropertyDescriptor(object, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.configurable) return;
    const { value } = descriptor;
    defineProperty(object, key, {
      get: function getter() {
        return value;
      },
      set: function setter(next) {
        if (this === object) throw new TypeError(`Cannot assign to read only property '${String(key)}' of object`);
        if (Object.prototype.hasOwnProperty.call(this, key)) this[key] = next;
        else defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: descriptor.enumerable,
      configurable: false,
    });
  };

  const walk = (roots, visit) => {
    const seen = new Set();
    const queue = [...roots];
    while (queue.length > 0) {
      const value = queue.pop();
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
      seen.add(value);
      visit(value);
      queue.push(getPrototypeOf(value));
      for (const key of ownKeys(value)) {
        const descriptor = getOwnPropertyDescriptor(value, key);
        if (descriptor) queue.push(descriptor.value, descriptor.get, descriptor.set);
      }
    }
    return seen.size;
  };

  defineProperty(Math, 'random', { value: random, writable: true, enumerable: false, configurable: true });
  if (!harden) return { reseed, frozen: 0 };

  for (const name of STATEFUL) delete globalThis[name];
  for (const name of ERROR_HOOKS) delete Error[name];
  for (const [object, keys] of OVERRIDABLE) for (const key of keys ?? ownKeys(object)) allowOverride(object, key);
  const roots = [globalThis, ...hidden()];
  walk(roots, freeze);
  // Verified once: a property added after the walk, or a getter that made a new object, would show here.
  const frozen = walk(roots, (value) => {
    if (!isFrozen(value)) throw new Error('lockdown left an object unfrozen');
  });
  return { reseed, frozen };
});
