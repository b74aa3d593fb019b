import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FlowFile } from './flow.ts';
import { FlowMigrationError, migrateFlowFile } from './migrations.ts';

const v0 = JSON.parse(readFileSync(new URL('./fixtures/flow-v0.json', import.meta.url), 'utf8'));

describe('migrateFlowFile', () => {
  it('brings a version 0 file up to the current schema', () => {
    const flow = FlowFile.parse(migrateFlowFile(v0));
    expect(flow.version).toBe(1);
    expect(flow.nodes[0]).toEqual({ id: 'main', type: 'script', file: 'main.js', position: { x: 0, y: 0 } });
    expect(flow.edges[1]).toEqual({ from: 'create_payment_intent', to: 'on_response', port: 'response' });
  });

  it('leaves a current file as it is', () => {
    const current = FlowFile.parse(migrateFlowFile(v0));
    expect(migrateFlowFile(current)).toBe(current);
  });

  it('refuses a file from a newer Fireflow', () => {
    expect(() => migrateFlowFile({ ...v0, version: 99 })).toThrow(FlowMigrationError);
  });
});
