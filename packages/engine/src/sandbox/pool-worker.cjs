// The pool's worker thread entry. CommonJS with tsx's in-thread require hook: the ESM loader hooks that
// `--import tsx` installs run on a thread of their own, and each worker would start another (~25 MB apiece).
require('tsx/cjs/api').register();
require('./pool-worker-main.ts').startSandboxWorker();
