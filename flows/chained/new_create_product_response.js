// Step 2 of 4: the product exists; price it monthly.
print(`Product ${parsed_data.id} created`);
new_price()
  .product(parsed_data.id)
  .unit_amount(2900)
  .currency("usd")
  .recurring("month")
  .create_async();
