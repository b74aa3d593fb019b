import type { DispatchEvent } from '@fireflow/protocol';
import { type Dispatcher } from '@fireflow/engine';

/** Resolves with the first event the dispatcher delivers that matches; subscribe before causing it. */
export function nextEvent<E extends DispatchEvent>(
  dispatcher: Dispatcher,
  match: (event: DispatchEvent) => event is E,
): Promise<E>;
export function nextEvent(dispatcher: Dispatcher, match: (event: DispatchEvent) => boolean): Promise<DispatchEvent>;
export function nextEvent(dispatcher: Dispatcher, match: (event: DispatchEvent) => boolean): Promise<DispatchEvent> {
  return new Promise((resolve) => {
    const unsubscribe = dispatcher.onEvent((event) => {
      if (!match(event)) return;
      unsubscribe();
      resolve(event);
    });
  });
}
