import { describe, expect, it } from 'vitest';
import { parseFlowEventId } from './flow-stream.ts';

describe('parseFlowEventId', () => {
  it('reads <run_id>:<event id>', () => {
    expect(parseFlowEventId('run_abc:12')).toEqual({ runId: 'run_abc', eventId: 12 });
  });

  it.each(['12', 'run_abc:', ':3', 'run abc:3', 'run_abc:-1', 'a:b:3', 'run_abc:1.5'])('refuses %s', (value) => {
    expect(parseFlowEventId(value)).toBeNull();
  });
});
