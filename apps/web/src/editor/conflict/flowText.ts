import type { PutFlowBody } from '@fireflow/protocol';

/**
 * One flow as one text, file by file under a header line, so a single side-by-side diff shows every file that
 * differs. Both sides list the same files in the same order (a file one side lacks is shown empty).
 */
export function flowTexts(theirs: PutFlowBody | null, mine: PutFlowBody): { theirs: string; mine: string } {
  const files = [...new Set([...Object.keys(theirs?.scripts ?? {}), ...Object.keys(mine.scripts)])].sort();
  const text = (body: PutFlowBody | null) =>
    [
      section('flow.json', body ? JSON.stringify(body.flow, null, 2) : ''),
      ...files.map((file) => section(file, body?.scripts[file] ?? '')),
    ].join('\n');
  return { theirs: text(theirs), mine: text(mine) };
}

function section(file: string, body: string): string {
  return `// ───── ${file} ─────\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`;
}
