import { z } from 'zod';
import { RequestInfo } from './jobs.ts';

/** Bodies kept with a run (a Stripe answer, a script's input) are cut past this many bytes (SPEC §8). */
export const KEPT_BODY_BYTES = 64 * 1024;

/** Set on a body that was cut: it is then the first bytes of its JSON text, ending in a marker, not a value. */
export const BodyCut = z.object({ bytes: z.number().int().nonnegative() });
export type BodyCut = z.infer<typeof BodyCut>;

/** What an execution's script got as its inputs, as kept with the run (redacted). */
export const RecordedInput = z.object({
  request: RequestInfo.optional(),
  parsed_data: z.unknown().optional(),
  parsed_error: z.unknown().optional(),
  event: z.unknown().optional(),
  /** Present when one of the bodies above was cut: that input cannot be replayed. */
  cut: BodyCut.optional(),
});
export type RecordedInput = z.infer<typeof RecordedInput>;

/** Inputs for a script run alone (replay, run with sample data): the globals it will see. */
export const ScriptRunInput = z
  .object({
    parsed_data: z.unknown().optional(),
    parsed_error: z.unknown().optional(),
    request: RequestInfo.optional(),
    /** A Stripe event, for a script a webhook node starts. */
    event: z.unknown().optional(),
  })
  .strict();
export type ScriptRunInput = z.infer<typeof ScriptRunInput>;

/** Per Stripe kind, a realistic `parsed_data` and `parsed_error` for running a script with sample data. */
export const StripeSamples = z.record(
  z.string(),
  z.object({
    response: z.record(z.string(), z.unknown()),
    error: z.object({ error: z.record(z.string(), z.unknown()) }),
  }),
);
export type StripeSamples = z.infer<typeof StripeSamples>;
