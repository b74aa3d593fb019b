// Runs when Stripe refuses the payment intent or cannot be reached: parsed_error is Stripe's error body.
const e = parsed_error.error;
console.error(`payment intent failed: ${e.type}${e.code ? " (" + e.code + ")" : ""}: ${e.message}`);
