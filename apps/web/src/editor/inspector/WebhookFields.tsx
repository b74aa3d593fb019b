import { useEditor, useEditorStoreApi } from '../store/useEditor.ts';
import { webhookUrl } from '../nodes/webhookEndpoint.ts';
import { InlineField } from './InlineField.tsx';

/** A webhook node's settings, and the URL to give Stripe (the Dashboard, or `stripe listen --forward-to`). */
export function WebhookFields({ nodeId, events, secret }: { nodeId: string; events: string[]; secret: string }) {
  const store = useEditorStoreApi();
  const flowId = useEditor((s) => s.flowId);
  const url = webhookUrl(flowId, nodeId);
  return (
    <>
      <InlineField
        label="Event types"
        value={events.join(', ')}
        mono
        placeholder="payment_intent.succeeded"
        onCommit={(next) => store.getState().setWebhook(nodeId, 'events', next)}
      />
      <InlineField
        label="Signing secret (env var)"
        value={secret}
        mono
        onCommit={(next) => store.getState().setWebhook(nodeId, 'secret', next)}
      />
      <p className="inspector-row muted">Endpoint URL for Stripe (Dashboard, or the Stripe CLI):</p>
      <p className="inspector-row mono" data-testid="webhook-url">
        {url}
      </p>
      <p className="inspector-row mono muted">stripe listen --forward-to {url}</p>
      <p className="inspector-row muted">
        The server reads the signing secret (<code>whsec_…</code>) from its environment variable <code>{secret}</code>;
        it never enters the flow.
      </p>
    </>
  );
}
