// A pool worker that dies when a task's source is exactly `/* crash */`, to test the pool's recovery.
import { register } from 'tsx/esm/api';

register();
const { startSandboxWorker } = await import('../pool-worker-main.ts');
await startSandboxWorker({
  beforeTask: (task) => {
    if (task.source === '/* crash */') process.exit(7);
  },
});
