import { createLocalDispatcher } from '@fireflow/engine';
import { dispatcherConformance } from '../../testing/conformance.ts';

dispatcherConformance('in-process (worker-thread pool)', (stripe, options) =>
  createLocalDispatcher({ stripe, threads: 2, ...options }),
);
