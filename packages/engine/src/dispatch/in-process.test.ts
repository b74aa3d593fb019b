import { dispatcherConformance } from '../testkit/conformance.ts';
import { createLocalDispatcher } from './local.ts';

dispatcherConformance('in-process (worker-thread pool)', (stripe, budgets) =>
  createLocalDispatcher({ stripe, threads: 2, ...(budgets ? { budgets } : {}) }),
);
