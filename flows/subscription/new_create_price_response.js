// Step 3 of 3: subscribe a customer to the new price.
print(`Price ${parsed_data.id} created for ${parsed_data.product}`);
new_subscription()
  .customer("cus_customer123")
  .add_price(parsed_data.id, 1)
  .trial_period_days(14)
  .create_async();
