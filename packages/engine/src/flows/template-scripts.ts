/** Starter scripts for templates and examples; plain text that users then edit. */
export const SCRIPTS = {
  paymentIntentMain: `// The entry script. Build a payment intent and fire it: create_async() returns at once,
// and Stripe's answer arrives later in the response (or error) script.
let payment_intent = new_payment_intent()
  .amount(2000)
  .currency("usd")
  .customer("cus_customer123")
  .payment_method("pm_card_visa")
  .confirm(true)
  .metadata("order_id", "order_1001");
let result = payment_intent.create_async();
print(\`Request dispatched: \${result}\`);
`,
  paymentIntentResponse: `// Runs when Stripe answers with the payment intent: parsed_data is the PaymentIntent.
print(\`Payment intent \${parsed_data.id} is \${parsed_data.status}: \${parsed_data.amount} \${parsed_data.currency}\`);
`,
  productMain: `// The entry script: create a product.
let result = new_product()
  .name("Fireflow T-shirt")
  .description("Organic cotton, printed in Berlin")
  .metadata("sku", "tee-001")
  .create_async();
print(\`Request dispatched: \${result}\`);
`,
  productResponse: `// parsed_data is the new Product.
print(\`Product \${parsed_data.id} created: \${parsed_data.name}\`);
`,
  priceMain: `// The entry script: a monthly price, with its product created inline.
let result = new_price()
  .unit_amount(1500)
  .currency("usd")
  .recurring("month")
  .nickname("Gold monthly")
  .set("product_data", { name: "Gold plan" })
  .create_async();
print(\`Request dispatched: \${result}\`);
`,
  priceResponse: `// parsed_data is the new Price.
print(\`Price \${parsed_data.id}: \${parsed_data.unit_amount} \${parsed_data.currency} every \${parsed_data.recurring.interval}\`);
`,
  chainedMain: `// Step 1 of 4: create the product. Its response script creates the price.
let result = new_product().name("Fireflow Pro").metadata("tier", "pro").create_async();
print(\`Request dispatched: \${result}\`);
`,
  chainedOnProduct: `// Step 2 of 4: the product exists; price it monthly.
print(\`Product \${parsed_data.id} created\`);
new_price()
  .product(parsed_data.id)
  .unit_amount(2900)
  .currency("usd")
  .recurring("month")
  .create_async();
`,
  chainedOnPrice: `// Step 3 of 4: make the customer to subscribe. The price id rides along in its metadata,
// so the customer's response script knows what to subscribe it to.
print(\`Price \${parsed_data.id} created for \${parsed_data.product}\`);
new_customer()
  .name("Jenny Rosen")
  .email("jenny@example.com")
  .payment_method("pm_card_visa")
  .metadata("price_id", parsed_data.id)
  .create_async();
`,
  chainedOnCustomer: `// Step 4 of 4: subscribe the new customer to the new price.
print(\`Customer \${parsed_data.id} created: \${parsed_data.email}\`);
new_subscription()
  .customer(parsed_data.id)
  .add_price(parsed_data.metadata.price_id, 1)
  .trial_period_days(14)
  .create_async();
`,
  subscriptionOnPrice: `// The price exists: subscribe a customer to it.
print(\`Price \${parsed_data.id} created\`);
new_subscription()
  .customer("cus_customer123")
  .add_price(parsed_data.id, 1)
  .trial_period_days(14)
  .create_async();
`,
  customerMain: `// The entry script: create a customer.
let result = new_customer()
  .name("Jenny Rosen")
  .email("jenny@example.com")
  .phone("+15555550100")
  .metadata("source", "fireflow")
  .create_async();
print(\`Request dispatched: \${result}\`);
`,
  customerResponse: `// parsed_data is the new Customer.
print(\`Customer \${parsed_data.id} created: \${parsed_data.name} <\${parsed_data.email}>\`);
`,
  subscriptionResponse: `// parsed_data is the new Subscription.
print(\`Subscription \${parsed_data.id} is \${parsed_data.status}\`);
`,
  blankMain: `// The entry script of a new flow. Drag a Stripe node from the palette, wire it from here,
// then build and fire its object, e.g.:
//   new_product().name("My product").create_async();
print("Hello from Fireflow");
`,
  error: (
    what: string,
  ): string => `// Runs when Stripe refuses the ${what} or cannot be reached: parsed_error is Stripe's error body.
const e = parsed_error.error;
console.error(\`${what} failed: \${e.type}\${e.code ? " (" + e.code + ")" : ""}: \${e.message}\`);
`,
};
