// `node scripts/measure-start.mjs [runs]`: how long `fireflow serve` takes to listen, and the resident memory of
// its process tree (the server and any child it starts) once idle. Median of the runs (default 5).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.argv[2] ?? 5);

/** Children of every thread of `pid` (a worker thread's children are listed under that thread). */
function childrenOf(pid) {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

function treeRssKb(pid) {
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return childrenOf(pid).reduce((sum, child) => sum + treeRssKb(child), rss);
}

async function once() {
  const work = mkdtempSync(path.join(tmpdir(), 'fireflow-measure-'));
  const args = ['serve', '--port', '0', '--flows', path.join(root, 'flows'), '--data', work];
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'apps/server/bin/fireflow.mjs'), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const listenMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 3000)); // idle: let start-up garbage be collected
  const children = childrenOf(child.pid).length;
  const rssMb = treeRssKb(child.pid) / 1024;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return { listenMs, rssMb, children };
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `fireflow serve: listening after ${median(results.map((r) => r.listenMs)).toFixed(0)} ms; ` +
    `idle RSS ${median(results.map((r) => r.rssMb)).toFixed(0)} MB (process tree: ${results[0].children} child processes), median of ${runs}`,
);
