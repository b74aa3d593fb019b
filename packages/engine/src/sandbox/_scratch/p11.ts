import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function bench(name: string, fn: () => void, n = 2000) {
  for (let i = 0; i < 500; i++) fn();
  const r = [];
  for (let k = 0; k < 7; k++) { const t = performance.now(); for (let i = 0; i < n; i++) fn(); r.push(((performance.now() - t) / n * 1000)); }
  r.sort((a, b) => a - b);
  console.log(name.padEnd(30), r[0]!.toFixed(0), r[3]!.toFixed(0), 'us');
}
const all = { BaseObjects: true, Date: true, Eval: true, StringNormalize: true, RegExp: true, JSON: true, Proxy: true, MapSet: true, TypedArrays: true, Promise: true };
const mk = (intr: object) => () => { const rt = mod.newRuntime(); const ctx = rt.newContext({ intrinsics: intr as any }); ctx.dispose(); rt.dispose(); };
bench('all', mk(all));
bench('base+eval+json', mk({ BaseObjects: true, Eval: true, JSON: true }));
for (const k of ['Date', 'StringNormalize', 'RegExp', 'Proxy', 'MapSet', 'TypedArrays', 'Promise']) bench('all but ' + k, mk({ ...all, [k]: false }));
bench('rt only', () => { const rt = mod.newRuntime(); rt.dispose(); });
const rt = mod.newRuntime();
bench('ctx only (shared rt)', () => { const ctx = rt.newContext({ intrinsics: all }); ctx.dispose(); });
const ctx = rt.newContext();
let calls = 0;
const f = ctx.newFunction('h', (a) => { calls++; return undefined; }); ctx.setProp(ctx.global, 'h', f); f.dispose();
const t = performance.now(); const r = ctx.evalCode('for (let i = 0; i < 100000; i++) h(i)'); r.value?.dispose();
console.log('host call us', (performance.now() - t) / 100000 * 1000, calls);
const t2 = performance.now(); const r2 = ctx.evalCode('function j(a){return a}; for (let i = 0; i < 100000; i++) j(i)'); r2.value?.dispose();
console.log('js call us', (performance.now() - t2) / 100000 * 1000);
ctx.dispose(); rt.dispose();
