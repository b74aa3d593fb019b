import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowTemplate } from '@fireflow/protocol';
import { loadFlowDir } from './load.ts';
import { EXAMPLE_FLOWS, flowTemplate } from './templates.ts';
import { validateBundle } from './validate.ts';

const flows = fileURLToPath(new URL('../../../../flows/', import.meta.url));

// flows/ is generated from the templates by scripts/make-examples.ts; this keeps the two from drifting apart.
describe('flow templates', () => {
  it.each(EXAMPLE_FLOWS)('flows/%s is the %s template', async (folder, template, name) => {
    expect(await loadFlowDir(path.join(flows, folder))).toEqual(flowTemplate(template, name));
  });

  it.each(FlowTemplate.options)('the %s template is a valid flow', async (template) => {
    expect(await validateBundle(flowTemplate(template, 'T'))).toEqual([]);
  });
});
