import { Worker } from 'node:worker_threads';
const mb = Number(process.argv[2]);
for (const size of [1048576, 2097152, 4194304, 0]) {
  await new Promise((res) => {
    const w = new Worker(new URL('./p4w.mjs', import.meta.url), { workerData: size, resourceLimits: { stackSizeMb: mb } });
    w.on('message', (m) => console.log(mb, size, m));
    w.on('error', (e) => { console.log(mb, size, 'ERR', String(e).slice(0, 100)); });
    w.on('exit', res);
  });
}
