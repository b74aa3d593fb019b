import { z } from 'zod';
import {
  ApiError,
  CreateFlowBody,
  DispatchEvent,
  FlowChanged,
  FlowConflictDetails,
  FlowDocument,
  FlowList,
  Health,
  ImportConflictDetails,
  ImportResult,
  PutFlowBody,
  RunDetail,
  RunList,
  SessionBody,
  SessionInfo,
  StartRunAccepted,
  StartRunBody,
  StartRunSettled,
  StripeSamples,
  ValidateResult,
} from '@fireflow/protocol';

/** Component schemas come from the protocol's zod schemas, so the document cannot drift from what is parsed. */
const SCHEMAS = {
  ApiError,
  Health,
  FlowList,
  CreateFlowBody,
  FlowDocument,
  PutFlowBody,
  ValidateResult,
  StartRunBody,
  StartRunAccepted,
  StartRunSettled,
  RunList,
  RunDetail,
  ImportResult,
  DispatchEvent,
  FlowChanged,
  FlowConflictDetails,
  ImportConflictDetails,
  SessionBody,
  SessionInfo,
  StripeSamples,
} satisfies Record<string, z.ZodType>;

type SchemaName = keyof typeof SCHEMAS;

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  return rest;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ content: { 'application/json': { schema: ref(name) } } });
const ok = (description: string, name: SchemaName) => ({ description, ...json(name) });
const error = (description: string) => ok(description, 'ApiError');
const flowId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } };

const COMMON_ERRORS = {
  '400': error('Invalid input (INVALID_INPUT, INVALID_JSON, INVALID_FLOW_ID, …)'),
  '401': error(
    'UNAUTHORIZED: the server has FIREFLOW_TOKEN and the request has neither the bearer token nor the session cookie',
  ),
  '403': error('FORBIDDEN_ORIGIN: foreign Origin/Referer on a state-changing request, or foreign Host'),
  '500': error('INTERNAL'),
};

const PATHS = {
  '/api/health': {
    get: { summary: 'Health, dispatcher kind and Stripe base URL', responses: { '200': ok('OK', 'Health') } },
  },
  '/api/flows': {
    get: { summary: 'List flows', responses: { '200': ok('Flows', 'FlowList'), ...COMMON_ERRORS } },
    post: {
      summary: 'Create a flow from a template',
      requestBody: { required: true, ...json('CreateFlowBody') },
      responses: { '201': ok('Created', 'FlowDocument'), '409': error('FLOW_EXISTS'), ...COMMON_ERRORS },
    },
  },
  '/api/flows/{id}': {
    parameters: [flowId],
    get: {
      summary: 'Read a flow: flow.json and its scripts (plus `diagnostics` when its graph has problems)',
      responses: {
        '200': {
          ...ok('The flow', 'FlowDocument'),
          headers: { ETag: { description: 'Strong; the same value as `version`', schema: { type: 'string' } } },
        },
        '404': error('FLOW_NOT_FOUND'),
        '422': error('FLOW_INVALID: flow.json does not parse (details.diagnostics)'),
        ...COMMON_ERRORS,
      },
    },
    put: {
      summary:
        'Save a flow over the version in If-Match (the whole folder is swapped in at once; scripts no node uses are dropped)',
      parameters: [
        {
          name: 'If-Match',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'The ETag from GET, or * to overwrite',
        },
      ],
      requestBody: { required: true, ...json('PutFlowBody') },
      responses: {
        '200': ok('Saved', 'FlowDocument'),
        '404': error('FLOW_NOT_FOUND'),
        '412': error(
          'FLOW_CONFLICT: saved by someone else since; details is FlowConflictDetails (the current version and flow)',
        ),
        '428': error('IF_MATCH_REQUIRED'),
        '413': error('SCRIPT_TOO_LARGE / PAYLOAD_TOO_LARGE'),
        ...COMMON_ERRORS,
      },
    },
    delete: {
      summary: 'Delete a flow folder',
      responses: { '204': { description: 'Deleted' }, '404': error('FLOW_NOT_FOUND'), ...COMMON_ERRORS },
    },
  },
  '/api/flows/{id}/validate': {
    parameters: [flowId],
    post: {
      summary: 'Diagnostics for the body ({ flow, scripts }: unsaved state) or, with {}, for the flow on disk',
      requestBody: { required: false, ...json('PutFlowBody') },
      responses: { '200': ok('Diagnostics', 'ValidateResult'), '404': error('FLOW_NOT_FOUND'), ...COMMON_ERRORS },
    },
  },
  '/api/flows/{id}/runs': {
    parameters: [flowId, { name: 'wait', in: 'query', required: false, schema: { type: 'string', enum: ['1'] } }],
    post: {
      summary: 'Start a run; with ?wait=1 answer when it settles',
      requestBody: { required: false, ...json('StartRunBody') },
      responses: {
        '200': ok('Settled (with ?wait=1)', 'StartRunSettled'),
        '202': ok('Started', 'StartRunAccepted'),
        '404': error('FLOW_NOT_FOUND'),
        ...COMMON_ERRORS,
        '503': error('REDIS_UNAVAILABLE: Redis mode, and Redis cannot be reached right now'),
      },
    },
  },
  '/api/flows/{id}/export': {
    parameters: [flowId],
    get: {
      summary: 'The flow folder as a deterministic zip',
      responses: {
        '200': {
          description: 'Zip',
          content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
        },
        '404': error('FLOW_NOT_FOUND'),
      },
    },
  },
  '/api/flows/import': {
    parameters: [
      { name: 'id', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'overwrite', in: 'query', required: false, schema: { type: 'string', enum: ['1'] } },
    ],
    post: {
      summary: 'Import a zip (raw body) or files ({ id?, files: { name: base64 } })',
      requestBody: {
        required: true,
        content: {
          'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } },
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                files: { type: 'object', additionalProperties: { type: 'string', contentEncoding: 'base64' } },
              },
              required: ['files'],
            },
          },
        },
      },
      responses: {
        '201': ok('Imported', 'ImportResult'),
        '409': error('FLOW_EXISTS: details is ImportConflictDetails'),
        '413': error('PAYLOAD_TOO_LARGE'),
        ...COMMON_ERRORS,
      },
    },
  },
  '/api/runs': {
    get: {
      summary: 'Run history, newest first',
      parameters: [
        { name: 'flow', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
      ],
      responses: { '200': ok('Runs', 'RunList'), ...COMMON_ERRORS },
    },
  },
  '/api/runs/{run_id}': {
    get: {
      summary: 'One run: status and its events',
      parameters: [{ name: 'run_id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': ok('Run', 'RunDetail'),
        '404': error('RUN_NOT_FOUND'),
        ...COMMON_ERRORS,
        '500': error('HISTORY_UNREADABLE: the stored events of the run cannot be read; INTERNAL'),
      },
    },
  },
  '/api/runs/{run_id}/executions/{execution_id}/replay': {
    post: {
      summary: 'A new run of that one script with its recorded inputs; the original Stripe call is not made again',
      parameters: [
        { name: 'run_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'execution_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'wait', in: 'query', required: false, schema: { type: 'string', enum: ['1'] } },
      ],
      responses: {
        '200': ok('Settled (with ?wait=1)', 'StartRunSettled'),
        '202': ok('Started', 'StartRunAccepted'),
        '404': error('RUN_NOT_FOUND, EXECUTION_NOT_FOUND, FLOW_NOT_FOUND'),
        '409': error('REPLAY_NO_INPUT, REPLAY_CUT'),
        ...COMMON_ERRORS,
        '503': error('REDIS_UNAVAILABLE: Redis mode, and Redis cannot be reached right now'),
      },
    },
  },
  '/api/hooks/{flow_id}/{node_id}': {
    post: {
      summary:
        "Stripe webhook in: Stripe's raw event body, verified with Stripe-Signature against the webhook node's secret; starts one run per event id",
      parameters: [
        { name: 'flow_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'node_id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'Stripe-Signature', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description:
            '{ run_id } (with duplicate: true for a redelivery), or { ignored: true, reason } for an unlisted type',
        },
        '400': error('SIGNATURE_MISSING, SIGNATURE_INVALID, EVENT_INVALID: nothing runs'),
        '404': error('FLOW_NOT_FOUND, WEBHOOK_NOT_FOUND'),
        '500': error('INTERNAL'),
        '503': error('WEBHOOK_SECRET_MISSING'),
      },
    },
  },
  '/api/samples': {
    get: {
      summary: "Per Stripe kind, an answer and an error body from Stripe's fixtures (Run with sample data)",
      responses: { '200': ok('Samples', 'StripeSamples') },
    },
  },
  '/api/events': {
    get: {
      summary:
        'Server-sent events. ?run=<run_id>: `event:` is the DispatchEvent type, `id:` its id, ends after run.settled. ' +
        '?flow=<id>: all runs of the flow, `id:` is `<run_id>:<event id>`, plus `flow.changed` (no id). ' +
        '?flows=1: `flow.changed` for every flow. Last-Event-ID (or ?last_event_id=) resumes; `: heartbeat` every 15 s.',
      parameters: [
        { name: 'run', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'flow', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'flows', in: 'query', required: false, schema: { type: 'string', enum: ['1'] } },
        { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'text/event-stream of DispatchEvent / FlowChanged frames',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        '204': { description: 'The run is over and Last-Event-ID is its last event: nothing more to send' },
        '404': error('RUN_NOT_FOUND'),
        ...COMMON_ERRORS,
        '503': error('REDIS_UNAVAILABLE: a run the history does not hold, while Redis cannot be reached'),
      },
    },
  },
  '/api/session': {
    get: {
      summary: 'Whether a token is needed; answered only to a caller that is let in',
      responses: { '200': ok('Let in', 'SessionInfo'), ...COMMON_ERRORS },
    },
    post: {
      summary: 'Trade the access token for an HttpOnly, SameSite=Strict session cookie (for EventSource)',
      requestBody: { required: true, ...json('SessionBody') },
      responses: { '204': { description: 'Cookie set' }, ...COMMON_ERRORS },
    },
    delete: { summary: 'Clear the session cookie', responses: { '204': { description: 'Cleared' } } },
  },
  '/api/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
};

export function openApiDocument(): Record<string, unknown> {
  const schemas = Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema)]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Fireflow API',
      version: '0.1.0',
      description:
        'Flows as files, runs, and live events. Every error is { "error": { "code", "message", "details"? } }.',
    },
    paths: PATHS,
    components: {
      schemas,
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'FIREFLOW_TOKEN, when the server has one' },
      },
    },
  };
}
