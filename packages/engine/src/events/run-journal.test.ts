import { describe, expect, it, vi } from 'vitest';
import type { DispatchEvent } from '@fireflow/protocol';
import { EntryWindow, JournalEntry, RunJournal, RunPosition } from './run-journal.ts';
import { RunJournals } from './run-journals.ts';

function log(runId: string, id: number, message = `line ${id}`): DispatchEvent {
  return {
    type: 'execution.log',
    run_id: runId,
    context_id: runId,
    ts: 1,
    id,
    execution_id: 'ex',
    node_id: 'main',
    level: 'log',
    message,
  };
}

function settled(runId: string, id: number): DispatchEvent {
  const counts = { executions: 1, failed_executions: 0, stripe_calls: 0, stripe_failures: 0 };
  return {
    type: 'run.settled',
    run_id: runId,
    context_id: runId,
    ts: 1,
    id,
    status: 'succeeded',
    counts,
    duration_ms: 1,
  };
}

const ids = (entries: readonly JournalEntry[]) => entries.map((entry) => entry.event.id);

describe('RunJournal', () => {
  it('drops a repeat and any id older than the newest, keeping id order', () => {
    const journal = new RunJournal('run_a');
    expect(journal.append(log('run_a', 1))).not.toBeNull();
    expect(journal.append(log('run_a', 3))).not.toBeNull();
    expect(journal.append(log('run_a', 3))).toBeNull();
    expect(journal.append(log('run_a', 2))).toBeNull();
    expect(journal.append(log('run_a', 4))).not.toBeNull();
    expect(ids(journal.entries)).toEqual([1, 3, 4]);
    expect(journal.lastId).toBe(4);
  });

  it('follows a run from mid-way and counts skipped ids as seen', () => {
    const journal = new RunJournal('run_b', {}, 5);
    expect(journal.append(log('run_b', 5))).toBeNull();
    journal.skipTo(8);
    expect(journal.append(log('run_b', 7))).toBeNull();
    expect(ids([journal.append(log('run_b', 9)) as JournalEntry])).toEqual([9]);
  });

  it('answers the entries after an id', () => {
    const journal = new RunJournal('run_c');
    for (const id of [1, 2, 4, 7]) journal.append(log('run_c', id));
    expect(ids(journal.after(0))).toEqual([1, 2, 4, 7]);
    expect(ids(journal.after(3))).toEqual([4, 7]);
    expect(ids(journal.after(4))).toEqual([7]);
    expect(ids(journal.after(7))).toEqual([]);
  });

  it('keeps the newest events within its count', () => {
    const journal = new RunJournal('run_d', { maxEvents: 10 });
    for (let id = 1; id <= 100; id += 1) journal.append(log('run_d', id));
    expect(journal.entries.length).toBeLessThanOrEqual(15);
    expect(journal.entries.at(-1)?.event.id).toBe(100);
    expect(ids(journal.after(95))).toEqual([96, 97, 98, 99, 100]);
    // Trimmed entries are still seen: a late repeat of one is dropped, not taken back.
    expect(journal.append(log('run_d', 1))).toBeNull();
    const oldest = journal.entries[0]?.event.id ?? 0;
    expect(journal.holdsAllAfter(oldest - 1)).toBe(true);
    expect(journal.holdsAllAfter(oldest - 2)).toBe(false);
  });
});

describe('EntryWindow', () => {
  it('keeps at most about its log-text weight, dropping the oldest', () => {
    const window = new EntryWindow({ maxWeight: 1_000 });
    for (let id = 1; id <= 30; id += 1) window.push(new JournalEntry(log('run_w', id, 'x'.repeat(100))));
    const weight = window.entries.reduce((sum, entry) => sum + entry.weight, 0);
    expect(weight).toBeLessThanOrEqual(1_500);
    expect(window.entries.at(-1)?.event.id).toBe(30);
    expect(window.entries[0]?.event.id).toBeGreaterThan(1);
  });
});

describe('JournalEntry', () => {
  it('serializes its event once and hands every reader the same string', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const entry = new RunJournal('run_j').append(log('run_j', 1)) as JournalEntry;
      const first = entry.json;
      const second = entry.json;
      expect(second).toBe(first);
      expect(stringify).toHaveBeenCalledTimes(1);
      expect(JSON.parse(first)).toEqual(entry.event);
    } finally {
      stringify.mockRestore();
    }
  });

  it('does not keep the text made for a reader that may be the only one, unless asked to', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const entry = new JournalEntry(log('run_k', 1));
      expect(entry.jsonOnce).toBe(entry.jsonOnce);
      expect(stringify).toHaveBeenCalledTimes(2);
      entry.keepJson();
      expect(entry.jsonOnce).toBe(entry.json);
      expect(stringify).toHaveBeenCalledTimes(3);
    } finally {
      stringify.mockRestore();
    }
  });

  it('reuses the text an event arrived as instead of serializing it again', () => {
    const text = JSON.stringify(log('run_t', 1));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const entry = new RunJournal('run_t').append(JSON.parse(text) as DispatchEvent, text) as JournalEntry;
      expect(entry.json).toBe(text);
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });
});

describe('RunJournals', () => {
  it('keeps a run going in its journal and only the run.settled once it settles', () => {
    const journals = new RunJournals();
    journals.append(log('run_s', 1));
    journals.append(log('run_s', 2));
    expect(ids(journals.after('run_s', 0))).toEqual([1, 2]);
    journals.append(settled('run_s', 3));
    expect(journals.journal('run_s')).toBeUndefined();
    expect(journals.after('run_s', 0)).toEqual([]);
    expect(journals.settled('run_s')?.id).toBe(3);
    expect(journals.lastId('run_s')).toBe(3);
    // A late repeat of a settled run's event does not open a journal again.
    expect(journals.append(log('run_s', 2))).toBeNull();
    expect(journals.journal('run_s')).toBeUndefined();
  });

  it('forgets the oldest settled runs past its bound', () => {
    const journals = new RunJournals({ keepSettled: 2 });
    for (const runId of ['run_1', 'run_2', 'run_3']) journals.append(settled(runId, 1));
    expect(journals.settled('run_1')).toBeUndefined();
    expect(journals.settled('run_2')?.run_id).toBe('run_2');
    expect(journals.settled('run_3')?.run_id).toBe('run_3');
  });

  it('past its bound of runs going, forgets the oldest opened, which is followed again from its next event', () => {
    const journals = new RunJournals({ maxGoing: 2 });
    for (const runId of ['run_1', 'run_2', 'run_3']) journals.append(log(runId, 5));
    expect(journals.goingRunIds()).toEqual(['run_2', 'run_3']);
    expect(journals.lastId('run_1')).toBe(0);
    expect(journals.follow('run_1', 6)?.append(log('run_1', 6))).toBeNull();
    expect(journals.append(log('run_1', 7))).not.toBeNull();
  });

  it('keeps runs apart: the same id in two runs is two events', () => {
    const journals = new RunJournals();
    expect(journals.append(log('run_x', 1))).not.toBeNull();
    expect(journals.append(log('run_y', 1))).not.toBeNull();
    expect(journals.goingRunIds()).toEqual(['run_x', 'run_y']);
  });
});

describe('RunPosition', () => {
  it('moves only forward', () => {
    const position = new RunPosition(2);
    expect([3, 3, 1, 5, 4].map((id) => position.advance(id))).toEqual([true, false, false, true, false]);
    expect(position.lastId).toBe(5);
  });
});
