export { DEFAULT_LIMITS } from './types.ts';
export type {
  Sandbox,
  SandboxLimits,
  ScriptTask,
  ScriptResult,
  ScriptInputs,
  ScriptLog,
  RecordedRequest,
  ExecutionGlobal,
  SyntaxDiagnostic,
} from './types.ts';
export { runScriptSync } from './run-script.ts';
export type { RunOptions } from './run-script.ts';
export { createInlineSandbox } from './inline.ts';
export { createSandboxPool } from './pool.ts';
export type { SandboxPool, SandboxPoolOptions } from './pool.ts';
export { createEngine } from './engine.ts';
export type { SandboxEngine, EngineOptions } from './engine.ts';
export { checkSyntax, checkSyntaxWith } from './check-syntax.ts';
export { loadQuickJS, compileQuickJS } from './quickjs.ts';
export type { CompiledQuickJS } from './quickjs.ts';
export { MAX_LOG_LINES } from './log-sink.ts';
export { MAX_LOG_CHARS } from './format.ts';
export { MAX_REQUESTS } from './api-builders.ts';
