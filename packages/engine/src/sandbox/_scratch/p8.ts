import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function bench(name: string, fn: () => void, n = 3000) {
  for (let i = 0; i < 300; i++) fn();
  const r = [];
  for (let k = 0; k < 3; k++) { const t = performance.now(); for (let i = 0; i < n; i++) fn(); r.push(((performance.now() - t) / n * 1000).toFixed(1)); }
  console.log(name, r.join(' '), 'us');
}
const minimal = { BaseObjects: true, Date: true, Eval: true, StringNormalize: false, RegExp: true, JSON: true, Proxy: false, MapSet: true, TypedArrays: false, Promise: true } as const;
const withCode = (code: string) => () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); if (code) { const r = ctx.evalCode(code, 'p.js', { type: 'global' }); if (r.error) throw new Error(JSON.stringify(ctx.dump(r.error))); r.value.dispose(); } ctx.dispose(); rt.dispose(); };
bench('base', withCode(''));
bench('1+1', withCode('1+1'));
bench('str 4.5KB', withCode('var s = "' + 'x'.repeat(4500) + '"'));
const prelude = 'var x = {' + Array.from({ length: 40 }, (_, i) => `m${i}(v) { if (typeof v !== "string") throw new TypeError("m${i} must be a string"); this.p.m${i} = v; return this; }`).join(',\n') + '};';
bench('40 methods', withCode(prelude));
bench('10 methods', withCode('var x = {' + Array.from({ length: 10 }, (_, i) => `m${i}(v) { if (typeof v !== "string") throw new TypeError("m${i} must be a string"); this.p.m${i} = v; return this; }`).join(',\n') + '};'));
bench('table loop 40', withCode(`var P = {}; var T = "${Array.from({ length: 40 }, (_, i) => 'm' + i + ':s').join(',')}".split(","); function mk(n, t) { return function (v) { if (typeof v !== t) throw new TypeError(n + " must be a " + t); this.p[n] = v; return this; }; } for (var i = 0; i < T.length; i++) { var kv = T[i].split(":"); P[kv[0]] = mk(kv[0], "string"); }`));
