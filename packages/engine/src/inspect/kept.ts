import {
  KEPT_BODY_BYTES,
  type BodyCut,
  type ExecutionInput,
  type RecordedInput,
  type ScriptRunInput,
  type StripeErrorBody,
} from '@fireflow/protocol';
import { parseRedacted, redactValue } from '../redact.ts';

export interface KeptBody {
  body: unknown;
  cut?: BodyCut;
}

/** A JSON body as kept with a run: redacted, parsed, or past the cap its first bytes as text with a marker. */
export function keepBody(text: string, redact: (text: string) => string): KeptBody {
  const bytes = Buffer.byteLength(text);
  if (bytes > KEPT_BODY_BYTES) {
    const head = Buffer.from(text)
      .subarray(0, KEPT_BODY_BYTES)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
    return { body: `${redact(head)}… [cut: ${bytes} bytes in all]`, cut: { bytes } };
  }
  try {
    return { body: parseRedacted(text, redact) };
  } catch {
    return { body: redact(text) };
  }
}

/**
 * Stripe's error body as kept with a run: redacted, and past the cap only its one-line fields (type, code,
 * message, …) — the objects it may carry (a declined card's payment intent) are what grows it.
 */
export function keepErrorBody(error: StripeErrorBody, redact: (text: string) => string): KeptError {
  const redacted = redactValue(error, redact);
  const bytes = Buffer.byteLength(JSON.stringify(redacted));
  if (bytes <= KEPT_BODY_BYTES) return { error: redacted };
  const brief: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(redacted.error)) {
    if (typeof value !== 'object' || value === null) brief[key] = value;
  }
  return { error: { error: { ...brief, type: redacted.error.type } }, cut: { bytes } };
}

export interface KeptError {
  error: StripeErrorBody;
  cut?: BodyCut;
}

/** What an execution's script gets as `request`, `parsed_data` and `parsed_error`, as kept with its run. */
export function recordedInput(input: ExecutionInput, redact: (text: string) => string): RecordedInput {
  if (input.trigger === 'entry') {
    if (input.event_json === undefined) return {};
    const kept = keepBody(input.event_json, redact);
    return kept.cut ? { event: kept.body, cut: kept.cut } : { event: kept.body };
  }
  const recorded: RecordedInput = {};
  if (input.request) recorded.request = redactValue(input.request, redact);
  const texts = [
    ['response_json' in input ? input.response_json : undefined, 'parsed_data'],
    ['error_json' in input ? input.error_json : undefined, 'parsed_error'],
    ['event_json' in input ? input.event_json : undefined, 'event'],
  ] as const;
  for (const [text, key] of texts) {
    if (text === undefined) continue;
    const kept = keepBody(text, redact);
    recorded[key] = kept.body;
    if (kept.cut) recorded.cut = kept.cut;
  }
  return recorded;
}

/** The input of a script run alone with given values (a replay, sample data): `execution.trigger` is `replay`. */
export function replayInput(given: ScriptRunInput): ExecutionInput {
  return {
    trigger: 'replay',
    ...(given.request === undefined ? {} : { request: given.request }),
    ...(given.parsed_data === undefined ? {} : { response_json: JSON.stringify(given.parsed_data) }),
    ...(given.parsed_error === undefined ? {} : { error_json: JSON.stringify(given.parsed_error) }),
    ...(given.event === undefined ? {} : { event_json: JSON.stringify(given.event) }),
  };
}
