// A flow by convention: no flow.json. main.js is the entry, and
// new_create_payment_intent_response.js / _error.js handle every payment intent call.
let payment_intent = new_payment_intent().amount(2000).currency("usd").customer("cus_customer123");
let result = payment_intent.create_async("worker-1", "context-123", "sk_test_...");
print(`Request dispatched: ${result}`);
