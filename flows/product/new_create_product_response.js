// parsed_data is the new Product.
print(`Product ${parsed_data.id} created: ${parsed_data.name}`);
