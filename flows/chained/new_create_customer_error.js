// Runs when Stripe refuses the customer or cannot be reached: parsed_error is Stripe's error body.
const e = parsed_error.error;
console.error(`customer failed: ${e.type}${e.code ? " (" + e.code + ")" : ""}: ${e.message}`);
