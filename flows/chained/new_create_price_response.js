// Step 3 of 4: make the customer to subscribe. The price id rides along in its metadata,
// so the customer's response script knows what to subscribe it to.
print(`Price ${parsed_data.id} created for ${parsed_data.product}`);
new_customer()
  .name("Jenny Rosen")
  .email("jenny@example.com")
  .payment_method("pm_card_visa")
  .metadata("price_id", parsed_data.id)
  .create_async();
