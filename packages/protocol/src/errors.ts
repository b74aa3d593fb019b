import { z } from 'zod';

/** The one catalogue of execution failure codes (SPEC §2, §3). */
export const EXECUTION_ERROR_CODES = [
  'SCRIPT_TIMEOUT',
  'SCRIPT_MEMORY',
  'SCRIPT_STACK',
  'SCRIPT_SYNTAX',
  'SCRIPT_ERROR',
  'DISPATCH_DEPTH',
  /** The run reached one of its budgets (SPEC §2); the message names it. */
  'RUN_BUDGET',
  /** Redis lost the run's work (a restart without persistence); the run cannot go on (SPEC §6). */
  'RUN_LOST',
  'NO_ROUTE',
  'SCRIPT_MISSING',
  'INTERNAL',
] as const;
export const ExecutionErrorCode = z.enum(EXECUTION_ERROR_CODES);
export type ExecutionErrorCode = z.infer<typeof ExecutionErrorCode>;

export const ExecutionError = z.object({
  code: ExecutionErrorCode,
  message: z.string(),
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
});
export type ExecutionError = z.infer<typeof ExecutionError>;

/** Stripe's error body, or a synthesized one for network failures. */
export const StripeErrorBody = z.object({
  error: z
    .object({
      type: z.string(),
      code: z.string().optional(),
      decline_code: z.string().optional(),
      message: z.string().optional(),
      param: z.string().optional(),
    })
    .loose(),
});
export type StripeErrorBody = z.infer<typeof StripeErrorBody>;
