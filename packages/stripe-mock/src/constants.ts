/** A key the mock accepts; used when no STRIPE_SECRET_KEY is set. */
export const MOCK_SECRET_KEY = 'sk_test_fireflow_mock_4242';

/** The API version the generated spec subset (and so every response shape) comes from. */
export const STRIPE_API_VERSION = '2023-08-16';
