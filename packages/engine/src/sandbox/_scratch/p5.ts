import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function run(src: string) {
  const rt = mod.newRuntime();
  rt.setMemoryLimit(64 * 1024 * 1024);
  rt.setMaxStackSize(200 * 1024);
  let n = 0; const t0 = Date.now();
  rt.setInterruptHandler(() => { n++; return Date.now() - t0 > 3000; });
  const ctx = rt.newContext();
  try {
    const r = ctx.evalCode(src, 'main.js', { type: 'global' });
    if (r.error) { const d = ctx.dump(r.error); r.error.dispose(); return { err: d, n, ms: Date.now() - t0 }; }
    r.value.dispose(); return { n, ms: Date.now() - t0 };
  } finally {
    const mu = rt.computeMemoryUsage(); const m = ctx.dump(mu); mu.dispose();
    console.log('malloc', m.malloc_size, 'limit', m.malloc_limit, 'wasm', mod.getWasmMemory().buffer.byteLength / 1048576);
    ctx.dispose(); rt.dispose(); }
}
for (const s of [
  "let s='x'; while(true) s += s;",
  "let s='x'; let a=[]; while(true) { s += s; a.push(s.length) }",
  "let a=[]; while(true) a.push({x:1});",
  "let a=new Array(1e9).fill(0)",
  "new ArrayBuffer(1e9)",
  "let a=[]; for(let i=0;i<20;i++) a.push(new ArrayBuffer(50e6))",
  "'x'.repeat(5e8)",
  "let s='x'.repeat(1e7); let a=[]; while(true) a.push(s+a.length)",
]) console.log(s, JSON.stringify(run(s)));
const t = performance.now(); for (let i = 0; i < 1000; i++) { const rt = mod.newRuntime(); const ctx = rt.newContext(); const mu = rt.computeMemoryUsage(); mu.dispose(); ctx.dispose(); rt.dispose(); }
console.log('rt+ctx+memusage us', (performance.now() - t));
const t2 = performance.now(); for (let i = 0; i < 1000; i++) { const rt = mod.newRuntime(); const ctx = rt.newContext(); ctx.dispose(); rt.dispose(); }
console.log('rt+ctx us', (performance.now() - t2));
