import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '@fireflow/protocol';
import { createEditorStore } from '../store/createEditorStore.ts';
import { scriptContext } from '../script/scriptContext.ts';
import { bodyFromSnapshot, snapshotFromDocument } from './document.ts';
import { snapshotOf } from '../store/state.ts';

const hook = {
  id: 'on_payment',
  type: 'webhook' as const,
  events: ['payment_intent.succeeded'],
  secret: 'STRIPE_WEBHOOK_SECRET',
  position: { x: 0, y: 200 },
};
const doc: FlowDocument = {
  id: 'hooks',
  flow: {
    version: 1,
    name: 'Hooks',
    entry: 'main',
    nodes: [
      { id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } },
      hook,
      { id: 'handle', type: 'script', file: 'handle.js', position: { x: 300, y: 200 } },
    ],
    edges: [{ from: 'on_payment', to: 'handle' }],
  },
  scripts: { 'main.js': 'print(1)', 'handle.js': 'print(event.type)' },
};

describe('webhook nodes in the editor', () => {
  it('keeps a webhook node from load to save', () => {
    const body = bodyFromSnapshot(snapshotFromDocument(doc));
    expect(body.flow.nodes.find((n) => n.id === 'on_payment')).toEqual(hook);
    expect(body.flow.edges).toEqual([{ from: 'on_payment', to: 'handle' }]);
  });

  it('edits event types and the secret name, refusing what the schema refuses', () => {
    const store = createEditorStore(doc);
    const { setWebhook } = store.getState();
    expect(setWebhook('on_payment', 'events', 'payment_intent.succeeded, invoice.paid')).toBeNull();
    expect(setWebhook('on_payment', 'events', 'not an event')).toMatch(/Event types/);
    expect(setWebhook('on_payment', 'secret', 'whsec_literal')).toMatch(/Secret/);
    const saved = bodyFromSnapshot(snapshotOf(store.getState())).flow.nodes.find((n) => n.id === 'on_payment');
    expect(saved).toMatchObject({
      events: ['payment_intent.succeeded', 'invoice.paid'],
      secret: 'STRIPE_WEBHOOK_SECRET',
    });
  });

  it('gives the script it starts the webhook’s event types', () => {
    const snapshot = snapshotFromDocument(doc);
    const context = scriptContext('handle', 'main', snapshot.nodes, snapshot.edges);
    expect(context).toMatchObject({ webhookEvents: ['payment_intent.succeeded'], webhookFrom: ['on_payment'] });
  });
});
