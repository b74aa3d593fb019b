import type { StripeMockError } from '../errors.ts';
import type { Params } from '../validate/compile.ts';
import type { ResourceKind } from '../validate/schema.ts';

export type StripeObject = Record<string, unknown> & { id: string; object: string };

/** What a create made: the object to save and answer with, objects it made on the side, and
 * for a created-but-failed call (a declined card) the error to answer with instead. */
export interface CreateOutcome {
  object: StripeObject;
  related?: { kind: ResourceKind; object: StripeObject }[];
  failure?: StripeMockError;
}

export interface CreateContext {
  /** Unix seconds, one value for everything the request creates. */
  now: number;
  find(kind: ResourceKind, id: string): StripeObject | undefined;
}

export type CreateHandler = (params: Params, context: CreateContext) => CreateOutcome;

/** Stripe's field order: `id` and `object` first, then the fixture's (alphabetical) order. */
export function objectTemplate(fixture: Record<string, unknown>, fresh: Record<string, unknown>): StripeObject {
  const { id: _id, object, ...rest } = fixture;
  return { id: '', object: String(object), ...rest, ...fresh };
}

/** Optional params echo as given, absent ones as `null` (how Stripe shows an unset field). */
export const orNull = (value: unknown): unknown => (value === undefined ? null : value);
