import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type SandboxEngine } from './engine.ts';
import { messages, task } from './test-fixtures/tasks.ts';

/**
 * Pairs of executions on one engine: the first tries to leave state behind (it may fail doing so), the second
 * prints whether it sees a clean engine. `lockdownOnly` marks the pairs that only the lockdown keeps clean: on a
 * shared realm without it (the control) exactly those leak, which shows that the suite can catch a leak.
 */
interface Pair {
  name: string;
  first: string;
  /** An expression that is true in a clean engine. */
  clean: string;
  lockdownOnly: boolean;
  limits?: { cpuMs?: number };
}

const PAIRS: Pair[] = [
  { name: 'a global', first: 'globalThis.leak = 1', clean: 'typeof leak === "undefined"', lockdownOnly: true },
  {
    name: 'a global defined as a property',
    first: 'Object.defineProperty(globalThis, "hidden", { value: 1 })',
    clean: '!("hidden" in globalThis)',
    lockdownOnly: true,
  },
  {
    name: 'an undeclared assignment',
    first: 'undeclared = 1',
    clean: 'typeof undeclared === "undefined"',
    lockdownOnly: false,
  },
  {
    name: 'top-level declarations',
    first: 'let topLet = 1; const topConst = 2; var topVar = 3; function topFn() {} class TopClass {}',
    clean:
      '[typeof topLet, typeof topConst, typeof topVar, typeof topFn, typeof TopClass].every((t) => t === "undefined")',
    lockdownOnly: false,
  },
  {
    name: 'top-level this',
    first: 'try { this.leak = 1 } catch {}',
    clean: 'this === undefined && typeof leak === "undefined"',
    lockdownOnly: false,
  },
  {
    name: 'Object.prototype',
    first: 'Object.prototype.polluted = 1',
    clean: '({}).polluted === undefined',
    lockdownOnly: true,
  },
  {
    name: 'Array.prototype',
    first: 'Array.prototype.push = function () { return -1 }',
    clean: '[].push(1) === 1',
    lockdownOnly: true,
  },
  {
    name: 'Function.prototype',
    first: 'Function.prototype.call = function () { return "hijacked" }',
    clean: '((x) => x).call(null, 7) === 7',
    lockdownOnly: true,
  },
  {
    name: 'Promise.prototype',
    first: 'Promise.prototype.then = function () { return "hijacked" }',
    clean: 'Promise.resolve(1).then(() => 2) instanceof Promise',
    lockdownOnly: true,
  },
  { name: 'JSON.parse', first: 'JSON.parse = () => 42', clean: 'JSON.parse("1") === 1', lockdownOnly: true },
  {
    name: 'a property on a shared function',
    first: 'parseInt.cache = {}',
    clean: 'parseInt.cache === undefined',
    lockdownOnly: true,
  },
  {
    name: 'Error.prototype.name',
    first: 'Error.prototype.name = "Hacked"',
    clean: 'new Error("x").name === "Error"',
    lockdownOnly: true,
  },
  {
    name: 'RegExp.prototype',
    first: 'RegExp.prototype.exec = () => null',
    clean: '/a/.test("a")',
    lockdownOnly: true,
  },
  {
    name: 'String.prototype',
    first: 'String.prototype.trim = () => "x"',
    clean: '" a ".trim() === "a"',
    lockdownOnly: true,
  },
  {
    name: 'Map.prototype',
    first: 'Map.prototype.get = () => 1',
    clean: 'new Map().get("k") === undefined',
    lockdownOnly: true,
  },
  { name: 'Date.now', first: 'Date.now = () => 0', clean: 'Date.now() > 0', lockdownOnly: true },
  { name: 'Reflect', first: 'Reflect.stash = [1]', clean: 'Reflect.stash === undefined', lockdownOnly: true },
  {
    name: 'Symbol.for',
    first: 'Symbol.stash = Symbol.for("leak"); Object.prototype[Symbol.for("leak")] = 1',
    clean: 'Symbol.stash === undefined && ({})[Symbol.for("leak")] === undefined',
    lockdownOnly: true,
  },
  {
    name: '(0, eval) declaring a var',
    first: '(0, eval)("var evalLeak = 1")',
    clean: 'typeof evalLeak === "undefined"',
    lockdownOnly: true,
  },
  {
    name: '(0, eval) declaring a function',
    first: '(0, eval)("function evalFn() {}")',
    clean: 'typeof evalFn === "undefined"',
    lockdownOnly: true,
  },
  {
    name: "Function('return this')()",
    first: 'Function("return this")().viaFunction = 1',
    clean: 'typeof viaFunction === "undefined"',
    lockdownOnly: true,
  },
  {
    name: 'the generator prototype',
    first: 'Object.getPrototypeOf(Object.getPrototypeOf((function* () {})())).leak = 1',
    clean: '(function* () {})().leak === undefined',
    lockdownOnly: true,
  },
  {
    name: 'the array iterator prototype',
    first: 'Object.getPrototypeOf([].values()).next = () => ({ done: true })',
    clean: '[...[1, 2]].length === 2',
    lockdownOnly: true,
  },
  {
    name: 'the async function prototype',
    first: 'Object.getPrototypeOf(async function () {}).leak = 1',
    clean: '(async function () {}).leak === undefined',
    lockdownOnly: true,
  },
  { name: 'the print function', first: 'print.leak = 1', clean: 'print.leak === undefined', lockdownOnly: true },
  {
    name: 'console',
    first: 'console.log = () => {}',
    clean: 'console.log.name === "consoleMethod"',
    lockdownOnly: true,
  },
  {
    name: 'a builder prototype',
    first: 'Object.getPrototypeOf(new_product()).name = () => "hijacked"',
    clean: 'typeof new_product().name("x") === "object"',
    lockdownOnly: true,
  },
  {
    name: 'the execution object',
    first: 'try { execution.id = "x" } catch {}',
    clean: 'execution.id === "ex_1" && Object.isFrozen(execution)',
    lockdownOnly: false,
  },
  {
    name: 'Math.random replaced',
    first: 'Math.random = () => 0.5',
    clean: 'Math.random() !== 0.5',
    lockdownOnly: true,
  },
  {
    name: 'a never-resolved promise holding a resolver',
    first: 'new Promise((resolve) => { Object.prototype.resolveLater = resolve })',
    clean: '({}).resolveLater === undefined',
    lockdownOnly: true,
  },
  {
    name: 'a pending promise job',
    first: 'Promise.resolve().then(() => { globalThis.fromJob = 1 })',
    clean: 'typeof fromJob === "undefined"',
    lockdownOnly: true,
  },
  {
    name: 'a promise-job chain stopped by its CPU limit',
    first: 'Object.prototype.beforeLoop = 1; const loop = () => Promise.resolve().then(loop); loop()',
    clean: '({}).beforeLoop === undefined',
    lockdownOnly: false,
    limits: { cpuMs: 50 },
  },
  {
    name: 'a stack overflow mid-way',
    first: 'Object.prototype.half = 1; function dive() { return dive() + 1 } dive()',
    clean: '({}).half === undefined',
    lockdownOnly: false,
  },
];

/** Runs every pair, all on one engine or (`engine` a factory) each on a new one. */
async function runPairs(shared: SandboxEngine | (() => Promise<SandboxEngine>)): Promise<Record<string, boolean>> {
  const leaked: Record<string, boolean> = {};
  for (const pair of PAIRS) {
    const engine = typeof shared === 'function' ? await shared() : shared;
    await engine.run(task(pair.first, {}, pair.limits));
    const second = await engine.run(task(`print((() => { try { return ${pair.clean} } catch { return false } })())`));
    leaked[pair.name] = messages(second)[0] !== 'true';
  }
  return leaked;
}

describe('isolation between executions that share a realm', () => {
  it('has at least 25 pairs', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(25);
  });

  describe('with the lockdown', () => {
    let leaked: Record<string, boolean>;
    beforeAll(async () => {
      leaked = await runPairs(await createEngine());
    });
    it.each(PAIRS.map((pair) => [pair.name]))('%s leaves nothing for the next execution', (name) => {
      expect(leaked[name]).toBe(false);
    });
  });

  it('the control, without the lockdown, leaks exactly where only the lockdown protects', async () => {
    // A new control engine per pair: one pair's leak must not decide another's outcome.
    const leaked = await runPairs(() => createEngine({ harden: false }));
    expect(leaked).toEqual(Object.fromEntries(PAIRS.map((pair) => [pair.name, pair.lockdownOnly])));
  });

  it('gives every execution its own Math.random sequence', async () => {
    const engine = await createEngine();
    const draw = async () => messages(await engine.run(task('print([1, 2, 3].map(() => Math.random()).join())')))[0];
    const sequences = await Promise.all([draw(), draw(), draw()]);
    expect(new Set(sequences).size).toBe(3);
  });
});

describe('the override mistake', () => {
  it('lets an instance take its own toString, name or constructor under frozen prototypes', async () => {
    const engine = await createEngine();
    const source = [
      'const o = {}; o.toString = () => "mine";',
      'class MyError extends Error { constructor() { super("m"); this.name = "MyError" } }',
      'const e = new MyError(); const a = []; a.constructor = 1;',
      'print(String(o), e.name, e instanceof Error, a.constructor, Object.isFrozen(Object.prototype))',
    ].join('\n');
    expect(messages(await engine.run(task(source)))).toEqual(['mine MyError true 1 true']);
  });
});
