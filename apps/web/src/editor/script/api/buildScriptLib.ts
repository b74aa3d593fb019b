import { SCRIPT_BUILDERS, type StripeKind } from '@fireflow/protocol';
import type { ScriptContext } from '../scriptContext.ts';
import { builderDeclarations } from './builders.ts';
import { COMMON_GLOBALS, requestDeclaration } from './globals.ts';
import { stripeObjectDeclarations } from './stripeObjects.ts';
import { webhookEventDeclaration } from './stripeEvents.ts';

const union = (parts: string[]) => (parts.length > 0 ? parts.join(' | ') : 'never');
const kindUnion = (kinds: StripeKind[]) => union(kinds.map((k) => `"${k}"`));

/**
 * The script API as a .d.ts for Monaco, for one script: `parsed_data` is typed as the object of the Stripe
 * node(s) whose response port feeds it; `parsed_error` exists only if an error port feeds it.
 */
export function buildScriptLib(context: ScriptContext): string {
  const parts = [COMMON_GLOBALS, stripeObjectDeclarations(), builderDeclarations()];
  const fedBy = [...new Set([...context.responseKinds, ...context.errorKinds])];
  if (context.responseKinds.length > 0) {
    const type = union(context.responseKinds.map((k) => SCRIPT_BUILDERS[k].object));
    parts.push(`/**
 * The object Stripe created (${type}), parsed from \`response_json\`.
 * Set in response executions: this script is wired from the response port of ${context.responseFrom.join(', ')}.
 */
declare const parsed_data: ${type};
/** Stripe's raw response body, as JSON text. */
declare const response_json: string;`);
  }
  if (context.errorKinds.length > 0) {
    parts.push(`/**
 * Stripe's error body — \`{ error: { type, code?, decline_code?, message?, param? } }\` — or, for a network
 * failure or timeout, a synthesized \`{ error: { type: "api_connection_error", message } }\`.
 * Set in error executions: this script is wired from the error port of ${context.errorFrom.join(', ')}.
 */
declare const parsed_error: StripeError;
/** The raw error body, as JSON text. */
declare const error_json: string;`);
  }
  if (fedBy.length > 0) parts.push(requestDeclaration(kindUnion(fedBy)));
  if (context.webhookEvents && context.webhookEvents.length > 0) {
    parts.push(webhookEventDeclaration(context.webhookEvents, context.webhookFrom ?? []));
  }
  return parts.join('\n\n') + '\n';
}
