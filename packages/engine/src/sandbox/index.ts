export { DEFAULT_LIMITS, MAX_LOG_LINE_CHARS } from './types.ts';
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
export { createInlineSandbox } from './inline.ts';
export { createSandboxPool } from './pool.ts';
export type { SandboxPool, SandboxPoolOptions } from './pool.ts';
export { createEngine } from './engine.ts';
export type { SandboxEngine, EngineOptions } from './engine.ts';
export { checkSyntax, checkSyntaxWith } from './check-syntax.ts';
export { loadQuickJS, compileQuickJS } from './quickjs.ts';
export type { CompiledQuickJS } from './quickjs.ts';
