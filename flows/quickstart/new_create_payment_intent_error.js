const e = parsed_error.error;
console.error(`Payment intent failed: ${e.type}: ${e.message}`);
