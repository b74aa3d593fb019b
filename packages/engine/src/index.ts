export { newId, requestIdFor, idempotencyKeyFor, followUpExecutionIdFor } from './ids.ts';
export { createRedactor, redactKey, redactValue } from './redact.ts';
export { keepBody, recordedInput, replayInput } from './inspect/kept.ts';
export { loadFlowDir, parseFlowJson, checkBundle, FlowLoadError } from './flows/load.ts';
export { conventionFlow } from './flows/convention.ts';
export { writeFlowDir, writeFileAtomic, canonicalFlowJson } from './flows/write.ts';
export { flowTemplate, EXAMPLE_FLOWS } from './flows/templates.ts';
export { validateBundle } from './flows/validate.ts';
export { routeRequest, routeOutcome, scriptNode } from './flows/routes.ts';
export { createStripeCaller, isRetryableStatus } from './stripe/caller.ts';
export type { StripeSettings, StripeCaller, AttemptOutcome } from './stripe/caller.ts';
export type { Dispatcher, EventListener, StartRunOptions } from './dispatch/types.ts';
export { JournalEntry, RunJournal, RunPosition, EntryWindow, DEFAULT_JOURNAL_LIMITS } from './events/run-journal.ts';
export type { JournalLimits } from './events/run-journal.ts';
export { RunJournals } from './events/run-journals.ts';
export type { RunJournalsOptions } from './events/run-journals.ts';
export { DEFAULT_MAX_DEPTH, runExecution, attemptCall, followUp, emitTooDeep, queuedEvent } from './dispatch/steps.ts';
export type { Emit, StepContext, AttemptStep, FollowUp } from './dispatch/steps.ts';
export { emptyCounts, tallyEvent } from './dispatch/run-tally.ts';
export { createInProcessDispatcher } from './dispatch/in-process.ts';
export { DEFAULT_RUN_BUDGETS } from './dispatch/budgets.ts';
export type { RunBudgets, BudgetName } from './dispatch/budgets.ts';
export { planRun, RunStartError } from './dispatch/plan-run.ts';
export type { RunPlan } from './dispatch/plan-run.ts';
export type { InProcessDispatcherOptions } from './dispatch/in-process.ts';
export { createLocalDispatcher } from './dispatch/local.ts';
export type { LocalDispatcherOptions } from './dispatch/local.ts';
export { DEFAULT_LIMITS } from './sandbox/types.ts';
export type {
  Sandbox,
  SandboxLimits,
  ScriptTask,
  ScriptResult,
  ScriptInputs,
  RecordedRequest,
  ScriptLog,
  SyntaxDiagnostic,
} from './sandbox/types.ts';
export { createSandboxPool, createInlineSandbox, checkSyntax } from './sandbox/index.ts';
export { createRedisDispatcher, startRedisWorker } from './redis/lazy.ts';
export type { RedisDispatcherOptions } from './redis/dispatcher.ts';
export type { RedisWorkerOptions, RedisWorkerHandle, RedisWorkerStats } from './redis/worker.ts';
export { RedisConnectError, describeRedisUrl } from './redis/connect-error.ts';
export { DEFAULT_STRIPE_RATE, StripeRateError, resolveStripeRate } from './redis/settings.ts';
