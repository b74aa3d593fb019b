// parsed_data is the new Price.
print(`Price ${parsed_data.id}: ${parsed_data.unit_amount} ${parsed_data.currency} every ${parsed_data.recurring.interval}`);
