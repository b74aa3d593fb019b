import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { DispatchEvent, FlowId, RunCounts } from '@fireflow/protocol';

/**
 * On disk, per flow, under `<dataDir>/runs/<flow>/`:
 * - `seg-<n>.jsonl` — the events of the runs that started while segment n was current, one per line (runs
 *   interleave). A `{"marker":"truncated","run_id","dropped"}` line precedes `run.settled` when a run hit the cap.
 * - `index.jsonl` — one `start` line per run and one `end` line when it settles (or is found interrupted).
 * Many runs share a file so that thousands of short runs a second cost a few appends, not thousands of files.
 */
export const IndexLine = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('start'),
    run_id: z.string(),
    flow_id: z.string(),
    seg: z.number().int().nonnegative(),
    started_at: z.string(),
    /** Absent for a manual run (and in older indexes). */
    trigger: z.enum(['webhook', 'replay']).optional(),
    event_type: z.string().optional(),
  }),
  z.object({
    t: z.literal('end'),
    run_id: z.string(),
    status: z.enum(['succeeded', 'failed']),
    duration_ms: z.number().nullable(),
    counts: RunCounts.nullable(),
    truncated: z.boolean().optional(),
    interrupted: z.boolean().optional(),
    /** Bytes of the run's events in its segment (absent in older indexes). */
    bytes: z.number().int().nonnegative().optional(),
    first_error: z.string().optional(),
  }),
]);
export type IndexLine = z.infer<typeof IndexLine>;

export const TruncatedMarker = z.object({
  marker: z.literal('truncated'),
  run_id: z.string(),
  dropped: z.number().int(),
});

export function flowLogDir(dataDir: string, flowId: string): string {
  const safe = FlowId.safeParse(flowId).success
    ? flowId
    : `_${createHash('sha256').update(flowId).digest('hex').slice(0, 24)}`;
  return path.join(dataDir, 'runs', safe);
}

export const segmentFile = (dir: string, seg: number) => path.join(dir, `seg-${seg}.jsonl`);
export const indexFile = (dir: string) => path.join(dir, 'index.jsonl');

export function segmentNumber(name: string): number | null {
  const match = /^seg-(\d{1,9})\.jsonl$/.exec(name);
  return match ? Number(match[1]) : null;
}

export const line = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** Lines a crash cut short, or that do not parse, are skipped rather than failing the whole file. */
export function parseIndexLines(text: string): IndexLine[] {
  return text.split('\n').flatMap((raw) => {
    if (raw.trim() === '') return [];
    try {
      const parsed = IndexLine.safeParse(JSON.parse(raw));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

/** One run's events out of a segment, oldest first; the cheap substring test skips other runs' lines unparsed. */
export function runEventsIn(text: string, runId: string): { events: DispatchEvent[]; truncated: boolean } {
  const needle = `"run_id":${JSON.stringify(runId)}`;
  const events: DispatchEvent[] = [];
  let truncated = false;
  for (const raw of text.split('\n')) {
    if (!raw.includes(needle)) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    const event = DispatchEvent.safeParse(value);
    if (event.success && event.data.run_id === runId) events.push(event.data);
    else if (TruncatedMarker.safeParse(value).success) truncated = true;
  }
  return { events, truncated };
}
