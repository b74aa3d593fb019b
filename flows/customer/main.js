// The entry script: create a customer.
let result = new_customer()
  .name("Jenny Rosen")
  .email("jenny@example.com")
  .phone("+15555550100")
  .metadata("source", "fireflow")
  .create_async();
print(`Request dispatched: ${result}`);
