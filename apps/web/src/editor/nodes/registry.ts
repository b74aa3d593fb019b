import type { NodeTypes } from '@xyflow/react';
import type { NodeType } from '@fireflow/protocol';
import type { IconName } from '../../shared/Icon.tsx';
import { ScriptNodeView } from './ScriptNodeView.tsx';
import { StripeNodeView } from './StripeNodeView.tsx';
import { WebhookNodeView } from './WebhookNodeView.tsx';

interface NodeDefinition {
  label: string;
  icon: IconName;
  component: NodeTypes[string];
}

export const NODE_DEFINITIONS = {
  script: { label: 'Script', icon: 'code', component: ScriptNodeView },
  stripe: { label: 'Stripe create', icon: 'card', component: StripeNodeView },
  webhook: { label: 'Stripe webhook', icon: 'bolt', component: WebhookNodeView },
} as const satisfies Record<NodeType, NodeDefinition>;

/** React Flow wants a stable object; built once from the registry. */
export const NODE_TYPES: NodeTypes = {
  script: NODE_DEFINITIONS.script.component,
  stripe: NODE_DEFINITIONS.stripe.component,
  webhook: NODE_DEFINITIONS.webhook.component,
};
