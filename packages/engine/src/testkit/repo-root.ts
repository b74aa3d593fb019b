import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository's root, found upwards from `dir`: the same from a TypeScript source and from the bench's build of
 * it (apps/server/node_modules/.cache/…), where paths counted from the file's own folder would miss.
 */
export function repoRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'pnpm-workspace.yaml'))) return at;
    if (path.dirname(at) === at) throw new Error(`no pnpm-workspace.yaml above ${dir}`);
  }
}
