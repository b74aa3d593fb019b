/**
 * Every error the mock answers with, phrased the way Stripe phrases it. One catalogue, so a message
 * is fixed in one place; handlers throw the StripeMockError it builds and the server serialises it.
 */
export type StripeErrorType =
  'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error' | 'rate_limit_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
}

export class StripeMockError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;
  constructor(status: number, fields: StripeErrorFields) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
  }

  /** Stripe's wire shape: keys in alphabetical order, `doc_url` for every coded error. */
  toBody(): { error: Record<string, unknown> } {
    const withDoc: Record<string, unknown> = { ...this.fields };
    if (this.fields.code)
      withDoc.doc_url = `https://stripe.com/docs/error-codes/${this.fields.code.replaceAll('_', '-')}`;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(withDoc).sort()) if (withDoc[key] !== undefined) sorted[key] = withDoc[key];
    return { error: sorted };
  }
}

const invalid = (param: string | undefined, message: string, code?: string, status = 400) =>
  new StripeMockError(status, { type: 'invalid_request_error', message, code, param });

/** `{"a"=>"b"}`: how Stripe's Ruby front end prints a hash it did not expect. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(describeValue(v))).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const pairs = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}=>${typeof v === 'string' ? JSON.stringify(v) : describeValue(v)}`,
    );
    return `{${pairs.join(', ')}}`;
  }
  return String(value);
}

const oneOf = (values: readonly string[]): string =>
  values.length <= 2 ? values.join(' or ') : `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}`;

export const errors = {
  missingParam: (param: string) => invalid(param, `Missing required param: ${param}.`, 'parameter_missing'),
  unknownParam: (param: string, suggestion?: string) =>
    invalid(
      param,
      `Received unknown parameter: ${param}${suggestion ? `. Did you mean ${suggestion}?` : ''}`,
      'parameter_unknown',
    ),
  emptyParam: (param: string) =>
    invalid(
      param,
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      'parameter_invalid_empty',
    ),
  invalidInteger: (param: string, raw: unknown) =>
    invalid(param, `Invalid integer: ${describeValue(raw)}`, 'parameter_invalid_integer'),
  integerTooSmall: (param: string, min: number) =>
    invalid(param, `This value must be greater than or equal to ${min}.`, 'parameter_invalid_integer'),
  invalidDecimal: (param: string, raw: unknown) => invalid(param, `Invalid decimal: ${describeValue(raw)}`),
  invalidBoolean: (param: string, raw: unknown) => invalid(param, `Invalid boolean: ${describeValue(raw)}`),
  invalidString: (param: string, raw: unknown) => invalid(param, `Invalid string: ${describeValue(raw)}`),
  stringTooLong: (param: string, max: number) => invalid(param, `Invalid ${param}: must be at most ${max} characters`),
  invalidEnum: (param: string, values: readonly string[]) =>
    invalid(param, `Invalid ${param}: must be one of ${oneOf(values)}`),
  invalidHash: (param: string) => invalid(param, 'Invalid hash'),
  invalidArray: (param: string) => invalid(param, 'Invalid array'),
  invalidCurrency: (param: string, raw: string, supported: readonly string[]) =>
    invalid(param, `Invalid currency: ${raw}. Stripe currently supports these currencies: ${supported.join(', ')}`),
  exclusiveParams: (params: readonly string[]) =>
    invalid(params[0], `You may only specify one of these parameters: ${params.join(', ')}.`, 'parameters_exclusive'),
  amountTooSmall: (minimum: string) => invalid('amount', `Amount must be at least ${minimum}`, 'amount_too_small'),
  amountTooLarge: (maximum: string) => invalid('amount', `Amount must be no more than ${maximum}`, 'amount_too_large'),
  /** 404 when the URL names the object, 400 when a parameter refers to it. */
  resourceMissing: (label: string, id: string, param: string, status: 400 | 404 = 400) =>
    invalid(param, `No such ${label}: '${id}'`, 'resource_missing', status),
  resourceExists: (param: string, message: string) => invalid(param, message, 'resource_already_exists'),
  unrecognizedUrl: (method: string, path: string) =>
    invalid(
      undefined,
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      undefined,
      404,
    ),
  unsupportedContentType: (contentType: string) =>
    invalid(
      undefined,
      `Invalid request: unsupported Content-Type ${contentType}. If error persists and you need assistance, please contact support@stripe.com.`,
    ),
  malformedBody: () =>
    invalid(undefined, 'Invalid request: the body could not be decoded as application/x-www-form-urlencoded.'),
  bodyTooLarge: () => invalid(undefined, 'Request body too large.', undefined, 413),
  noApiKey: () =>
    invalid(
      undefined,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      undefined,
      401,
    ),
  invalidApiKey: (maskedKey: string) => invalid(undefined, `Invalid API Key provided: ${maskedKey}`, undefined, 401),
  idempotencyParamsMismatch: (key: string) =>
    new StripeMockError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  idempotencyEndpointMismatch: (key: string, firstPath: string, path: string) =>
    new StripeMockError(400, {
      type: 'idempotency_error',
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${firstPath}' vs '${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    }),
  /** What Stripe answers (409, observed shape) while the first request with a key is still running. */
  idempotencyInFlight: (key: string) =>
    invalid(
      undefined,
      `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      'idempotency_key_in_use',
      409,
    ),
  rateLimited: () =>
    new StripeMockError(429, {
      type: 'rate_limit_error',
      code: 'rate_limit',
      message:
        'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
    }),
  apiError: () =>
    new StripeMockError(500, {
      type: 'api_error',
      message:
        "Sorry, something went wrong. We've already been notified of the problem, but if you need any help, you can reach us at support.stripe.com/contact. If you have any questions, we can help at https://support.stripe.com/.",
    }),
  invalidState: (message: string, param?: string, code?: string) => invalid(param, message, code),
} as const;
