import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCRIPT_BUILDERS, commonBuilderMethods } from './script-api.ts';

const doc = readFileSync(new URL('../../../docs/scripts.md', import.meta.url), 'utf8');

describe('docs/scripts.md', () => {
  it.each(Object.values(SCRIPT_BUILDERS))('documents $factory and each of its setters', (builder) => {
    expect(doc).toContain(`\`${builder.factory}()\``);
    for (const setter of builder.setters) expect(doc).toContain(`\`${setter.name}(`);
  });

  it('documents the methods every builder has', () => {
    for (const method of commonBuilderMethods('product')) expect(doc).toContain(`\`${method.name}(`);
  });
});
