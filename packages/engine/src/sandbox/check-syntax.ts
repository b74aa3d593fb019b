import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { locate, thrownValue } from './errors.ts';
import { INTRINSICS } from './intrinsics.ts';
import { maxParseStackBytes } from './limits.ts';
import { loadQuickJS } from './quickjs.ts';
import { WRAPPER_LINES, wrapScript } from './realm.ts';
import { DEFAULT_LIMITS, type SyntaxDiagnostic } from './types.ts';

/**
 * Compiles `source` as a run compiles it — the body of the API wrapper, in strict mode — without running it,
 * with QuickJS itself so diagnostics match what a run would report (a source nested beyond ~40 levels of
 * functions is reported as a stack overflow).
 */
export function checkSyntaxWith(module: QuickJSWASMModule, source: string, file: string): SyntaxDiagnostic[] {
  const runtime = module.newRuntime();
  try {
    runtime.setMemoryLimit(DEFAULT_LIMITS.memoryBytes);
    // Deeply nested source recurses in the parser: a small cap turns that into a diagnostic, never a crash.
    runtime.setMaxStackSize(maxParseStackBytes());
    const deadline = performance.now() + DEFAULT_LIMITS.cpuMs;
    runtime.setInterruptHandler(() => performance.now() > deadline);
    const context = runtime.newContext({ intrinsics: INTRINSICS });
    try {
      const compile = (text: string, lineOffset: number): SyntaxDiagnostic | null => {
        const result = context.evalCode(text, file, { type: 'global', strict: true, compileOnly: true });
        if (!result.error) {
          result.value.dispose();
          return null;
        }
        const thrown = thrownValue(result.error.consume((error) => context.dump(error)));
        const where = locate(thrown.stack, file, lineOffset) ?? { line: 1, column: 1 };
        const message =
          thrown.name && thrown.name !== 'SyntaxError' ? `${thrown.name}: ${thrown.message}` : thrown.message;
        return { file, ...where, message };
      };
      const found = compile(wrapScript(source), WRAPPER_LINES);
      if (!found) return [];
      // Past the last line, the wrapper's own closing text is where the parser noticed (a `}` too many): the
      // script compiled alone shows the real place, when it can.
      if (found.line <= source.split('\n').length) return [found];
      return [compile(source, 0) ?? found];
    } finally {
      context.dispose();
    }
  } finally {
    runtime.dispose();
  }
}

/** checkSyntaxWith on a given module, or on a freshly loaded one (~10 ms). */
export async function checkSyntax(
  source: string,
  file: string,
  module?: QuickJSWASMModule,
): Promise<SyntaxDiagnostic[]> {
  return checkSyntaxWith(module ?? (await loadQuickJS()), source, file);
}
