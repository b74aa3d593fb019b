// Step 4 of 4: subscribe the new customer to the new price.
print(`Customer ${parsed_data.id} created: ${parsed_data.email}`);
new_subscription()
  .customer(parsed_data.id)
  .add_price(parsed_data.metadata.price_id, 1)
  .trial_period_days(14)
  .create_async();
