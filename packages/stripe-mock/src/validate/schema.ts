/**
 * The slice of OpenAPI that request validation needs. `scripts/generate-spec.ts` reduces Stripe's
 * spec to this shape (no descriptions, no $refs) and commits it as `generated/spec-subset.json`.
 */
export type ParamSchema =
  | StringSchema
  | { type: 'integer'; format?: string }
  | { type: 'number' }
  | { type: 'boolean' }
  | ObjectSchema
  | { type: 'array'; items: ParamSchema }
  | { anyOf: ParamSchema[] };

/** `bypassEnum`: Stripe's `x-stripeBypassValidation` — the enum documents values but accepts others. */
export interface StringSchema {
  type: 'string';
  enum?: string[];
  maxLength?: number;
  format?: string;
  bypassEnum?: true;
}

/** `properties` makes a closed object (Stripe refuses unknown nested keys); `additionalProperties` a map. */
export interface ObjectSchema {
  type: 'object';
  properties?: Record<string, ParamSchema>;
  required?: string[];
  additionalProperties?: ParamSchema;
}

export type ResourceKind = 'payment_intent' | 'product' | 'price' | 'subscription' | 'customer';

export interface ResourceSpec {
  /** e.g. `/v1/payment_intents`: POST creates, GET `<path>/<id>` retrieves. */
  path: string;
  /** The retrieve path's parameter name as Stripe reports it in `resource_missing` errors. */
  retrieveParam: string;
  createParams: ObjectSchema;
  retrieveParams: ObjectSchema;
  /** Stripe's published example object: every field a response must carry. */
  fixture: Record<string, unknown>;
}

export interface SpecSubset {
  apiVersion: string;
  resources: Record<ResourceKind, ResourceSpec>;
}
