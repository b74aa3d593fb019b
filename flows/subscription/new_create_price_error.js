// Runs when Stripe refuses the price or cannot be reached: parsed_error is Stripe's error body.
const e = parsed_error.error;
console.error(`price failed: ${e.type}${e.code ? " (" + e.code + ")" : ""}: ${e.message}`);
