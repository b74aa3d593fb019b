// A pool worker that dies when a task's source is exactly `/* crash */`, to test the pool's recovery.
require('tsx/cjs/api').register();
require('../pool-worker-main.ts').startSandboxWorker({
  beforeTask: (task) => {
    if (task.source === '/* crash */') process.exit(7);
  },
});
