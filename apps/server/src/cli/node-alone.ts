import { readFile } from 'node:fs/promises';
import { replayInput, type StartRunOptions } from '@fireflow/engine';
import { ScriptRunInput } from '@fireflow/protocol';
import { UsageError } from './args.ts';

/** `--node ID [--input FILE.json]`: one script node alone, with the inputs in the file (`parsed_data`, …). */
export async function nodeAlone(
  node: string,
  inputFile: string | undefined,
): Promise<Pick<StartRunOptions, 'entry' | 'input'>> {
  if (inputFile === undefined) return { entry: node, input: replayInput({}) };
  let text: string;
  try {
    text = await readFile(inputFile, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read ${inputFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${inputFile} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ScriptRunInput.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${inputFile}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'} (expected { parsed_data?, parsed_error?, request? })`,
    );
  }
  return { entry: node, input: replayInput(parsed.data) };
}
