import { newQuickJSWASMModuleFromVariant, DefaultIntrinsics } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function bench(name: string, fn: () => void, n = 3000) {
  for (let i = 0; i < 300; i++) fn();
  const t = performance.now(); for (let i = 0; i < n; i++) fn();
  console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), 'us');
}
bench('rt only', () => { const rt = mod.newRuntime(); rt.dispose(); });
bench('rt+ctx', () => { const rt = mod.newRuntime(); const ctx = rt.newContext(); ctx.dispose(); rt.dispose(); });
const minimal = { BaseObjects: true, Date: true, Eval: true, StringNormalize: false, RegExp: true, JSON: true, Proxy: false, MapSet: true, TypedArrays: false, Promise: true } as const;
bench('rt+ctx minimal', () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); ctx.dispose(); rt.dispose(); });
bench('rt+ctx+limits+interrupt', () => { const rt = mod.newRuntime(); rt.setMemoryLimit(64e6); rt.setMaxStackSize(200000); rt.setInterruptHandler(() => false); const ctx = rt.newContext({ intrinsics: minimal }); ctx.dispose(); rt.dispose(); });
bench('+eval 1+1', () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); const r = ctx.evalCode('1+1', 'main.js', { type: 'global' }); (r.error ?? r.value)!.dispose(); ctx.dispose(); rt.dispose(); });
bench('+2 fns', () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); const f = ctx.newFunction('__log', () => undefined); ctx.setProp(ctx.global, '__log', f); f.dispose(); const g = ctx.newFunction('__rec', () => undefined); ctx.setProp(ctx.global, '__rec', g); g.dispose(); ctx.dispose(); rt.dispose(); });
const prelude = 'var x = {' + Array.from({ length: 40 }, (_, i) => `m${i}(v) { if (typeof v !== "string") throw new TypeError("m${i} must be a string"); this.p.m${i} = v; return this; }`).join(',\n') + '};';
console.log('prelude chars', prelude.length);
bench('+prelude 40 methods', () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: minimal }); const r = ctx.evalCode(prelude, 'prelude', { type: 'global' }); (r.error ?? r.value)!.dispose(); ctx.dispose(); rt.dispose(); });
