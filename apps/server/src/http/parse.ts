import type { z } from 'zod';
import { FlowId } from '@fireflow/protocol';
import { HttpError } from './errors.ts';

export interface FieldIssue {
  path: string;
  message: string;
}

export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

/** Parses untrusted input; a mismatch is a 400 naming the first bad field, with all of them in `details`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error);
  const first = issues[0];
  const where = first ? ` — ${first.path}: ${first.message}` : '';
  throw new HttpError(400, 'INVALID_INPUT', `Invalid ${what}${where}`, { issues });
}

/** Flow ids are folder names; anything else is refused before it gets near the file system. */
export function parseFlowId(value: unknown): string {
  const parsed = FlowId.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(
      400,
      'INVALID_FLOW_ID',
      `Invalid flow id: ${parsed.error.issues[0]?.message ?? 'not a string'}`,
    );
  }
  return parsed.data;
}

/** Run ids are generated (`run_…`); the pattern keeps them safe as file names and in SSE ids. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function parseRunId(value: unknown): string {
  if (typeof value !== 'string' || !RUN_ID_PATTERN.test(value)) {
    throw new HttpError(400, 'INVALID_RUN_ID', 'Invalid run id: must be 1-128 characters of A-Z a-z 0-9 _ -');
  }
  return value;
}

/** `?wait=1` style flags. */
export function queryFlag(value: unknown): boolean {
  return value === '1' || value === 'true' || value === '';
}
