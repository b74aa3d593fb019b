// Runs when Stripe answers with the payment intent: parsed_data is the PaymentIntent.
print(`Payment intent ${parsed_data.id} is ${parsed_data.status}: ${parsed_data.amount} ${parsed_data.currency}`);
