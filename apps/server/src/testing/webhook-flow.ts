import type { FlowFile } from '@fireflow/protocol';

/** A flow whose webhook node `hook` (events `events`, secret from HOOK_SECRET) starts `handle.js`; entry `main.js`. */
export function webhookFlow(hook: string, events: string[]): FlowFile {
  return {
    version: 1,
    name: 'Hooks',
    entry: 'main',
    nodes: [
      { id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } },
      { id: hook, type: 'webhook', events, secret: 'HOOK_SECRET', position: { x: 0, y: 200 } },
      { id: 'handle', type: 'script', file: 'handle.js', position: { x: 300, y: 200 } },
    ],
    edges: [{ from: hook, to: 'handle' }],
  };
}
