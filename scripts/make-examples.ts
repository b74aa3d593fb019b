// Regenerates the template-based examples in flows/ (run: npx tsx scripts/make-examples.ts).
import path from 'node:path';
import { flowTemplate, writeFlowDir } from '@fireflow/engine';

const EXAMPLES = [
  ['payment-intent', 'payment_intent', 'Payment intent'],
  ['product', 'product', 'Product'],
  ['price', 'price', 'Monthly price'],
  ['subscription', 'subscription', 'Subscription'],
  ['chained', 'chained', 'Product → price → subscription'],
] as const;

for (const [folder, template, name] of EXAMPLES) {
  await writeFlowDir(path.join(import.meta.dirname, '..', 'flows', folder), flowTemplate(template, name));
}
