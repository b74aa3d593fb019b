// Regenerates the template-based examples in flows/ (run: npx tsx scripts/make-examples.ts).
import path from 'node:path';
import { EXAMPLE_FLOWS, flowTemplate, writeFlowDir } from '@fireflow/engine';

for (const [folder, template, name] of EXAMPLE_FLOWS) {
  await writeFlowDir(path.join(import.meta.dirname, '..', 'flows', folder), flowTemplate(template, name));
}
