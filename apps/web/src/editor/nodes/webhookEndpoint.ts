/** The path Stripe posts this node's events to (SPEC §3); the editor shows it with the page's own origin. */
export const webhookPath = (flowId: string, nodeId: string): string =>
  `/api/hooks/${encodeURIComponent(flowId)}/${encodeURIComponent(nodeId)}`;

export const webhookUrl = (flowId: string, nodeId: string): string =>
  `${window.location.origin}${webhookPath(flowId, nodeId)}`;
