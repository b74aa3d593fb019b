// The entry script: a monthly price, with its product created inline.
let result = new_price()
  .unit_amount(1500)
  .currency("usd")
  .recurring("month")
  .nickname("Gold monthly")
  .set("product_data", { name: "Gold plan" })
  .create_async();
print(`Request dispatched: ${result}`);
