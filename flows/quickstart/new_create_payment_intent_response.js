print(`Payment intent ${parsed_data.id} is ${parsed_data.status}`);
print(`Request ${request.id} used idempotency key ${request.idempotency_key}`);
