// Worker threads cannot load TypeScript by themselves: register tsx, then start the worker.
import { register } from 'tsx/esm/api';

register();
const { startSandboxWorker } = await import('./pool-worker-main.ts');
await startSandboxWorker();
