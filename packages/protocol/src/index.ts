export { STRIPE_KINDS, STRIPE_KIND_PATH, StripeKind } from './stripe-kind.ts';
export { SCRIPT_BUILDERS, commonBuilderMethods } from './script-api.ts';
export type { SetterParamType, ScriptSetter, ScriptMethod, ScriptBuilder } from './script-api.ts';
export {
  SCRIPT_FILE_PATTERN,
  MAX_NAME_LENGTH,
  NODE_ID_PATTERN,
  FLOW_FILE_VERSION,
  ScriptFileName,
  NodeId,
  FlowId,
  WorkerId,
  Position,
  ScriptNode,
  StripeNode,
  WebhookNode,
  SecretName,
  StripeEventType,
  FlowNode,
  EdgePort,
  FlowEdge,
  FlowFile,
  FlowBundle,
} from './flow.ts';
export type { NodeType } from './flow.ts';
export { EXECUTION_ERROR_CODES, ExecutionErrorCode, ExecutionError, StripeErrorBody } from './errors.ts';
export {
  Trigger,
  RunTrigger,
  RunStatus,
  LogLevel,
  RunCounts,
  RunStarted,
  ExecutionQueued,
  ExecutionStarted,
  ExecutionLog,
  ExecutionFinished,
  ExecutionFailed,
  StripeRequestSent,
  StripeRequestSucceeded,
  StripeRequestFailed,
  RunSettled,
  DispatchEvent,
  exhaustiveSwitchError,
} from './events.ts';
export type { DispatchEventType, EventOf, DispatchEventInput } from './events.ts';
export { KEPT_BODY_BYTES, BodyCut, RecordedInput, ScriptRunInput, StripeSamples } from './inspect.ts';
export { SecretRef, RequestInfo, ExecutionInput, ExecutionJob, StripeCallJob } from './jobs.ts';
export {
  ApiError,
  Health,
  FlowSummary,
  FlowList,
  FlowTemplate,
  CreateFlowBody,
  FlowDocument,
  PutFlowBody,
  Diagnostic,
  ValidateResult,
  StartRunBody,
  StartRunAccepted,
  StartRunSettled,
  RunSummary,
  RunList,
  RunDetail,
  ImportResult,
  FlowChanged,
  FlowConflictDetails,
  ImportConflictDetails,
  SessionBody,
  SessionInfo,
} from './api.ts';
export { migrateFlowFile, FlowMigrationError } from './migrations.ts';
export { checkFlowGraph } from './graph.ts';
export type { GraphProblem } from './graph.ts';
