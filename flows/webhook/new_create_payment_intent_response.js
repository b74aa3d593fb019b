// parsed_data is the PaymentIntent Stripe answered the create call with.
print(`Payment intent ${parsed_data.id} is ${parsed_data.status}`);
