import { createLocalDispatcher } from '@fireflow/engine';
import { dispatcherConformance } from '../../testing/conformance.ts';

dispatcherConformance('in-process (worker-thread pool)', (stripe, budgets) =>
  createLocalDispatcher({ stripe, threads: 2, ...(budgets ? { budgets } : {}) }),
);
