import type { DispatchEventType } from '@fireflow/protocol';

/** EventSource only delivers named frames to listeners of that name, so every type is listened to. */
const EVENT_TYPES_RECORD = {
  'run.started': true,
  'execution.queued': true,
  'execution.started': true,
  'execution.log': true,
  'execution.finished': true,
  'execution.failed': true,
  'stripe.request.sent': true,
  'stripe.request.succeeded': true,
  'stripe.request.failed': true,
  'run.settled': true,
} as const satisfies Record<DispatchEventType, true>;

export const EVENT_TYPES = Object.keys(EVENT_TYPES_RECORD) as DispatchEventType[];
