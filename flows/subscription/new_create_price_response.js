// The price exists: subscribe a customer to it.
print(`Price ${parsed_data.id} created`);
new_subscription()
  .customer("cus_customer123")
  .add_price(parsed_data.id, 1)
  .trial_period_days(14)
  .create_async();
