// parsed_data is the new Customer.
print(`Customer ${parsed_data.id} created: ${parsed_data.name} <${parsed_data.email}>`);
