// Step 1 of 4: create the product. Its response script creates the price.
let result = new_product().name("Fireflow Pro").metadata("tier", "pro").create_async();
print(`Request dispatched: ${result}`);
