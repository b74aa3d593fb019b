// The entry script: charge a test card. Stripe answers the create call (the response script below), and
// then tells the webhook node that the payment succeeded, which starts handle_payment_succeeded.js.
let result = new_payment_intent()
  .amount(4200)
  .currency("usd")
  .payment_method("pm_card_visa")
  .confirm(true)
  .metadata("order_id", "order_2001")
  .create_async();
print(`Request dispatched: ${result}`);
