/**
 * Reads Stripe's OpenAPI spec and fixtures from ../shared/stripe-openapi and writes the subset the mock
 * runs on to src/generated/spec-subset.json (committed; nothing reads ../shared at run time).
 *
 *   pnpm --filter @fireflow/stripe-mock generate [-- --from <dir with spec3.json and fixtures3.json>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reduceSpec } from '../src/generate/reduce-spec.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { from: { type: 'string', default: `${packageDir}../../../shared/stripe-openapi` } },
});
const from = values.from ?? '';
const readJson = (file: string) => JSON.parse(readFileSync(`${from}/${file}`, 'utf8')) as Record<string, unknown>;

const subset = reduceSpec(readJson('spec3.json'), readJson('fixtures3.json'));
const target = `${packageDir}src/generated/spec-subset.json`;
writeFileSync(target, `${JSON.stringify(subset, null, 1)}\n`);
console.log(`wrote ${target} (Stripe API ${subset.apiVersion})`);
