import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
const size = Number(process.argv[2]);
const rt = mod.newRuntime();
rt.setMaxStackSize(size);
const ctx = rt.newContext();
const r = ctx.evalCode('let d=0; function f(){d++; return f()+1}; try { f() } catch(e) { String(e) + " depth " + d }', 'main.js', { type: 'global' });
if (r.error) { console.log('err', ctx.dump(r.error)); r.error.dispose(); } else { console.log(size, ctx.dump(r.value)); r.value.dispose(); }
ctx.dispose(); rt.dispose(); console.log('ok');
