import type { Dispatcher } from '@fireflow/engine';
import type { FlowBundle } from '@fireflow/protocol';
import type { StripeMock } from '@fireflow/stripe-mock';
import { startHookReceiver } from '../hooks/cli-receiver.ts';
import { memoryDeliveries } from '../hooks/deliveries.ts';
import { registerWithMock, webhookNodes } from '../hooks/mock-endpoints.ts';
import { consoleLogger } from '../logger.ts';

export interface WebhookLoop {
  /** Waits until the mock has nothing left to deliver and every run a delivery started has settled. */
  settle(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * With the built-in mock, `fireflow run` closes the offline loop: the flow's webhook nodes are registered with
 * the mock, its deliveries arrive on a loopback port, and the runs they start are followed like the main one.
 * `runs` receives each such run id as it starts. Null when the flow has no webhook node.
 */
export async function followMockWebhooks(
  mock: StripeMock,
  dispatcher: Dispatcher,
  flowId: string,
  bundle: FlowBundle,
  runs: Set<string>,
): Promise<WebhookLoop | null> {
  if (webhookNodes(bundle.flow).length === 0) return null;
  const secrets = new Map<string, string>();
  const starts = new Map<string, Promise<unknown>>();
  const receiver = await startHookReceiver(flowId, bundle, secrets, {
    dispatcher,
    deliveries: memoryDeliveries(),
    logger: consoleLogger,
    onRun: (runId, started) => {
      runs.add(runId);
      starts.set(runId, started);
    },
  });
  await registerWithMock(mock, receiver.url, flowId, bundle.flow, secrets);
  return {
    async settle() {
      const settled = new Map<string, boolean>();
      // A webhook run may create objects whose events start further runs: repeat until nothing new arrives.
      for (;;) {
        await mock.webhooksIdle();
        const pending = [...runs].filter((id) => !settled.has(id));
        if (pending.length === 0) break;
        for (const id of pending) {
          const started = await starts.get(id)?.then(
            () => true,
            () => false,
          );
          settled.set(id, started === true && (await dispatcher.waitForSettled(id)).status === 'succeeded');
        }
      }
      return [...settled.values()].every(Boolean);
    },
    close: () => receiver.close(),
  };
}
