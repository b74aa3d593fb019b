import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
function run(src: string, file = 'main.js') {
  const rt = mod.newRuntime();
  rt.setMemoryLimit(64 * 1024 * 1024);
  rt.setMaxStackSize(1024 * 1024);
  let n = 0;
  rt.setInterruptHandler(() => { n++; return false; });
  const ctx = rt.newContext();
  try {
    const r = ctx.evalCode(src, file, { type: 'global' });
    if (r.error) { const d = ctx.dump(r.error); r.error.dispose(); return { err: d, n }; }
    const t = ctx.typeof(r.value); const v = t==="object"?null:ctx.dump(r.value); r.value.dispose(); return { v, t, n };
  } finally { ctx.dispose(); rt.dispose(); }
}
console.log(run('1+1'));
console.log(JSON.stringify(run('let a = 1;\nfunction f(){ throw new Error("boom") }\n  f()')));
console.log(JSON.stringify(run('let a = 1;\nlet b = ;')));
console.log(JSON.stringify(run('let a = 1;\n  require("fs")')));
console.log(JSON.stringify(run('import("fs")')));
console.log(JSON.stringify(run('typeof setTimeout + typeof process + typeof fetch + typeof require')));
console.log(JSON.stringify(run('let i=0; for(let j=0;j<1e6;j++) i+=j; i')));
console.log(JSON.stringify(run('function f(){return f()+1}; f()')));
console.log(JSON.stringify(run('let a=[]; while(true) a.push(1)')));
const t=Date.now(); console.log(JSON.stringify(run("let s='x'; let k=0; while(true) {s += s; k++}")), Date.now()-t, mod.getWasmMemory().buffer.byteLength);
