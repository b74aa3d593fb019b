// The entry script: create a product.
let result = new_product()
  .name("Fireflow T-shirt")
  .description("Organic cotton, printed in Berlin")
  .metadata("sku", "tee-001")
  .create_async();
print(`Request dispatched: ${result}`);
