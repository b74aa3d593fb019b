import { MOCK_SECRET_KEY, type StripeMock } from '@fireflow/stripe-mock';
import type { FlowFile, WebhookNode } from '@fireflow/protocol';

export const webhookNodes = (flow: FlowFile): WebhookNode[] =>
  flow.nodes.filter((node): node is WebhookNode => node.type === 'webhook');

export const hookPath = (flowId: string, nodeId: string): string =>
  `/api/hooks/${encodeURIComponent(flowId)}/${encodeURIComponent(nodeId)}`;

const AUTH = { authorization: `Bearer ${MOCK_SECRET_KEY}` };

/** Registers one webhook node with the built-in mock, pointing at `base` + its hook path. */
export async function registerNode(
  mock: StripeMock,
  base: string,
  flowId: string,
  node: WebhookNode,
): Promise<{ id: string; secret: string }> {
  const body = new URLSearchParams({ url: `${base}${hookPath(flowId, node.id)}`, description: `${flowId}/${node.id}` });
  for (const type of node.events) body.append('enabled_events[]', type);
  const response = await fetch(`${mock.url}/v1/webhook_endpoints`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  const answer = (await response.json()) as { id?: unknown; secret?: unknown };
  if (!response.ok || typeof answer.secret !== 'string' || typeof answer.id !== 'string') {
    throw new Error(`the Stripe mock refused the webhook endpoint of ${flowId}/${node.id} (${response.status})`);
  }
  return { id: answer.id, secret: answer.secret };
}

/** Stops the mock's deliveries to an endpoint registered before (its node changed or went away). */
export async function unregister(mock: StripeMock, endpointId: string): Promise<void> {
  const response = await fetch(`${mock.url}/v1/webhook_endpoints/${encodeURIComponent(endpointId)}`, {
    method: 'DELETE',
    headers: AUTH,
  });
  await response.body?.cancel();
}

/**
 * Registers each webhook node of `flow` with the built-in mock and records the `whsec_…` secret it answered under
 * `flow_id/node_id`: nobody has to copy a secret for the offline loop.
 */
export async function registerWithMock(
  mock: StripeMock,
  base: string,
  flowId: string,
  flow: FlowFile,
  secrets: Map<string, string>,
): Promise<void> {
  for (const node of webhookNodes(flow))
    secrets.set(`${flowId}/${node.id}`, (await registerNode(mock, base, flowId, node)).secret);
}
