import {
  exhaustiveSwitchError,
  type FlowBundle,
  type FlowEdge,
  type FlowNode,
  type FlowTemplate,
  type StripeKind,
} from '@fireflow/protocol';
import { SCRIPTS } from './template-scripts.ts';

const LABEL: Record<StripeKind, string> = {
  payment_intent: 'payment intent',
  product: 'product',
  price: 'price',
  subscription: 'subscription',
  customer: 'customer',
};

interface Step {
  kind: StripeKind;
  /** Script that fires this step (the previous step's response script, or main). */
  responseScript: string;
}

/** A chain: main → kind₁ → response₁ → kind₂ → … Each Stripe node also gets an error script. */
function chain(name: string, main: string, steps: Step[]): FlowBundle {
  const nodes: FlowNode[] = [{ id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } }];
  const edges: FlowEdge[] = [];
  const scripts: Record<string, string> = { 'main.js': main };
  let from = 'main';
  steps.forEach((step, index) => {
    const x = 300 + index * 600;
    const stripeId = `create_${step.kind}`;
    const response = `new_create_${step.kind}_response`;
    const error = `new_create_${step.kind}_error`;
    nodes.push(
      { id: stripeId, type: 'stripe', kind: step.kind, position: { x, y: 0 } },
      { id: `on_${step.kind}`, type: 'script', file: `${response}.js`, position: { x: x + 300, y: -100 } },
      { id: `on_${step.kind}_error`, type: 'script', file: `${error}.js`, position: { x: x + 300, y: 100 } },
    );
    edges.push(
      { from, to: stripeId },
      { from: stripeId, port: 'response', to: `on_${step.kind}` },
      { from: stripeId, port: 'error', to: `on_${step.kind}_error` },
    );
    scripts[`${response}.js`] = step.responseScript;
    scripts[`${error}.js`] = SCRIPTS.error(LABEL[step.kind]);
    from = `on_${step.kind}`;
  });
  return { flow: { version: 1, name, entry: 'main', nodes, edges }, scripts };
}

/** New flows start from one of these; `flows/` holds the same as examples. */
export function flowTemplate(template: FlowTemplate, name: string): FlowBundle {
  switch (template) {
    case 'blank':
      return chain(name, SCRIPTS.blankMain, []);
    case 'payment_intent':
      return chain(name, SCRIPTS.paymentIntentMain, [
        { kind: 'payment_intent', responseScript: SCRIPTS.paymentIntentResponse },
      ]);
    case 'product':
      return chain(name, SCRIPTS.productMain, [{ kind: 'product', responseScript: SCRIPTS.productResponse }]);
    case 'price':
      return chain(name, SCRIPTS.priceMain, [{ kind: 'price', responseScript: SCRIPTS.priceResponse }]);
    case 'subscription':
      return chain(name, SCRIPTS.priceMain, [
        { kind: 'price', responseScript: SCRIPTS.subscriptionOnPrice },
        { kind: 'subscription', responseScript: SCRIPTS.subscriptionResponse },
      ]);
    case 'customer':
      return chain(name, SCRIPTS.customerMain, [{ kind: 'customer', responseScript: SCRIPTS.customerResponse }]);
    case 'chained':
      return chain(name, SCRIPTS.chainedMain, [
        { kind: 'product', responseScript: SCRIPTS.chainedOnProduct },
        { kind: 'price', responseScript: SCRIPTS.chainedOnPrice },
        { kind: 'customer', responseScript: SCRIPTS.chainedOnCustomer },
        { kind: 'subscription', responseScript: SCRIPTS.subscriptionResponse },
      ]);
    default:
      return exhaustiveSwitchError(template);
  }
}

/** The template-based examples in `flows/`: folder, template, name (written by scripts/make-examples.ts). */
export const EXAMPLE_FLOWS = [
  ['payment-intent', 'payment_intent', 'Payment intent'],
  ['product', 'product', 'Product'],
  ['price', 'price', 'Monthly price'],
  ['subscription', 'subscription', 'Subscription'],
  ['customer', 'customer', 'Customer'],
  ['chained', 'chained', 'Product → price → customer → subscription'],
] as const satisfies ReadonlyArray<readonly [string, FlowTemplate, string]>;
