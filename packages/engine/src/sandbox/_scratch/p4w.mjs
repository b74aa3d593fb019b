import { workerData, parentPort } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
const mod = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
const rt = mod.newRuntime();
rt.setMaxStackSize(workerData);
const ctx = rt.newContext();
const r = ctx.evalCode('let d=0; function f(){d++; return f()+1}; try { f() } catch(e) { String(e) + " depth " + d }', 'main.js', { type: 'global' });
if (r.error) { parentPort.postMessage(['err', ctx.dump(r.error)]); r.error.dispose(); } else { parentPort.postMessage(ctx.dump(r.value)); r.value.dispose(); }
ctx.dispose(); rt.dispose(); parentPort.postMessage('ok');
