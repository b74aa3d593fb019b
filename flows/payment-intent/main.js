// The entry script. Build a payment intent and fire it: create_async() returns at once,
// and Stripe's answer arrives later in the response (or error) script.
let payment_intent = new_payment_intent()
  .amount(2000)
  .currency("usd")
  .customer("cus_customer123")
  .payment_method("pm_card_visa")
  .confirm(true)
  .metadata("order_id", "order_1001");
let result = payment_intent.create_async();
print(`Request dispatched: ${result}`);
