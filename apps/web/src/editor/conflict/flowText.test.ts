import { describe, expect, it } from 'vitest';
import type { PutFlowBody } from '@fireflow/protocol';
import { flowTexts } from './flowText.ts';

const flow = { version: 1 as const, name: 'F', entry: 'main', nodes: [], edges: [] };

describe('flowTexts', () => {
  it('lists every file of either side, in the same order on both', () => {
    const theirs: PutFlowBody = { flow, scripts: { 'main.js': 'a\n', 'b.js': 'b\n' } };
    const mine: PutFlowBody = { flow: { ...flow, name: 'G' }, scripts: { 'main.js': 'A\n', 'c.js': 'c' } };
    const texts = flowTexts(theirs, mine);
    const headers = (text: string) => text.split('\n').filter((line) => line.startsWith('// ─'));
    expect(headers(texts.theirs)).toEqual(headers(texts.mine));
    expect(headers(texts.mine).map((h) => h.replace(/[/─ ]/g, ''))).toEqual(['flow.json', 'b.js', 'c.js', 'main.js']);
    expect(texts.mine).toContain('"name": "G"');
    expect(texts.theirs).toContain('"name": "F"');
  });
});
