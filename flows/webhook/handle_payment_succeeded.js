// Started by the webhook node for each verified payment_intent.succeeded event: `event` is the Stripe event.
const intent = event.data.object;
print(`Webhook ${event.type} (${event.id}): ${intent.id} paid ${intent.amount} ${intent.currency}, order ${intent.metadata.order_id}`);
