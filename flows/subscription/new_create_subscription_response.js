// parsed_data is the new Subscription.
print(`Subscription ${parsed_data.id} is ${parsed_data.status}`);
