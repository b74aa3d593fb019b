import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowLoadError, loadFlowDir } from './load.ts';
import { routeOutcome, routeRequest } from './routes.ts';
import { canonicalFlowJson, writeFlowDir } from './write.ts';
import { flowTemplate } from './templates.ts';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-load-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

async function loadError(dir: string): Promise<FlowLoadError> {
  const error = await loadFlowDir(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(FlowLoadError);
  return error as FlowLoadError;
}

describe('loadFlowDir', () => {
  it('treats a folder without flow.json as a flow by convention', async () => {
    const dir = await folder({
      'main.js': 'new_price().create_async();',
      'new_create_price_response.js': 'new_product().name(String(parsed_data.id)).create_async();',
      'new_create_price_error.js': 'print(2);',
      'notes.txt': 'ignored',
    });
    const bundle = await loadFlowDir(dir);
    expect(bundle.flow.entry).toBe('main');
    expect(Object.keys(bundle.scripts).sort()).toEqual([
      'main.js',
      'new_create_price_error.js',
      'new_create_price_response.js',
    ]);
    const route = routeRequest(bundle, 'main', 'price', null);
    expect(route.ok && route.node.id).toBe('create_price');
    expect(routeOutcome(bundle, 'create_price', 'response')?.file).toBe('new_create_price_response.js');
    // Each script is wired to the Stripe nodes whose builders it uses, and only to those.
    expect(bundle.flow.edges.filter((edge) => edge.port === undefined)).toEqual([
      { from: 'new_create_price_response', to: 'create_product' },
      { from: 'main', to: 'create_price' },
    ]);
    expect(routeOutcome(bundle, 'create_payment_intent', 'response')).toBeNull();
    // Handlers may fire other kinds too.
    const fromHandler = routeRequest(bundle, 'new_create_price_response', 'product', null);
    expect(fromHandler.ok).toBe(true);
  });

  it('routes a customer create to new_create_customer_response.js by convention', async () => {
    const dir = await folder({
      'main.js': 'new_customer().email("a@b.test").create_async();',
      'new_create_customer_response.js': 'print(parsed_data.id);',
      'new_create_customer_error.js': 'print(parsed_error.error.message);',
    });
    const bundle = await loadFlowDir(dir);
    const route = routeRequest(bundle, 'main', 'customer', null);
    expect(route.ok && route.node).toMatchObject({ id: 'create_customer', kind: 'customer' });
    expect(routeOutcome(bundle, 'create_customer', 'response')?.file).toBe('new_create_customer_response.js');
    expect(routeOutcome(bundle, 'create_customer', 'error')?.file).toBe('new_create_customer_error.js');
  });

  it('reads flow.json and the scripts it names', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-load-'));
    await writeFlowDir(dir, flowTemplate('payment_intent', 'Pay'));
    const bundle = await loadFlowDir(dir);
    expect(bundle.flow.name).toBe('Pay');
    expect(Object.keys(bundle.scripts)).toHaveLength(3);
  });

  it('migrates an old flow.json on load', async () => {
    const v0 = await readFile(new URL('../../../protocol/src/fixtures/flow-v0.json', import.meta.url), 'utf8');
    const dir = await folder({ 'flow.json': v0, 'main.js': '', 'on_response.js': '' });
    expect((await loadFlowDir(dir)).flow.version).toBe(1);
  });

  it('reports malformed JSON with line and column', async () => {
    const error = await loadError(await folder({ 'flow.json': '{\n  "name": "x",\n  oops\n}', 'main.js': '' }));
    expect(error.diagnostics[0]).toMatchObject({ file: 'flow.json', line: 3 });
  });

  it('names the field a schema check refused', async () => {
    const flow = {
      version: 1,
      name: 'x',
      entry: 'main',
      nodes: [{ id: 'main', type: 'script', file: '../evil.js', position: { x: 0, y: 0 } }],
      edges: [],
    };
    const error = await loadError(await folder({ 'flow.json': JSON.stringify(flow) }));
    expect(error.diagnostics[0]?.message).toContain('nodes.0.file');
  });

  it('reports a script the flow names but the folder lacks', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-load-'));
    const bundle = flowTemplate('product', 'P');
    await writeFile(path.join(dir, 'flow.json'), canonicalFlowJson(bundle.flow));
    const error = await loadError(dir);
    expect(error.diagnostics.map((d) => d.message).join()).toContain('main.js, which does not exist');
  });

  it('refuses a folder that is not a flow', async () => {
    const error = await loadError(await folder({ 'readme.md': '' }));
    expect(error.message).toContain('neither flow.json nor main.js');
    const missing = await loadError(path.join(tmpdir(), 'fireflow-does-not-exist'));
    expect(missing.message).toContain('does not exist');
  });
});

describe('writeFlowDir', () => {
  it('writes canonical flow.json and removes scripts no longer used', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fireflow-write-'));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'stale.js'), 'old');
    await writeFlowDir(dir, flowTemplate('product', 'P'));
    const text = await readFile(path.join(dir, 'flow.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual(['edges', 'entry', 'name', 'nodes', 'version']);
    expect(text).toContain('\n  "edges"');
    await expect(readFile(path.join(dir, 'stale.js'))).rejects.toThrow();
  });
});
