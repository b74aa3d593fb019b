import { describe, expect, it } from 'vitest';
import { LOG_CUT_MARKER, createBudgetLedger, fitLogs, resolveBudgets } from './budgets.ts';

const log = (message: string) => ({ level: 'log' as const, message, ts: 0 });

describe('createBudgetLedger', () => {
  it('counts the entry as the first execution and refuses the dispatch past the budget, then stays stopped', async () => {
    const ledger = createBudgetLedger(resolveBudgets({ executions: 3 }));
    expect(await ledger.admitDispatch('ex_2')).toBeNull();
    expect(await ledger.admitDispatch('ex_3')).toBeNull();
    expect(await ledger.admitDispatch('ex_4')).toEqual({ budget: 'executions', limit: 3 });
    expect(ledger.stopped).toEqual({ budget: 'executions', limit: 3 });
    // Stopped: an execution's calls are refused too, naming the budget that stopped the run; logs still count.
    expect(await ledger.admitOutput('ex_2', 10, 1)).toEqual({
      refused: { budget: 'executions', limit: 3 },
      logBytes: 10,
    });
    expect(await ledger.admitOutput('ex_3', 10, 0)).toEqual({ refused: null, logBytes: 10 });
  });

  it('admits an execution’s calls all or none', async () => {
    const ledger = createBudgetLedger(resolveBudgets({ stripeCalls: 5 }));
    expect((await ledger.admitOutput('ex_1', 0, 4)).refused).toBeNull();
    expect((await ledger.admitOutput('ex_2', 0, 2)).refused).toEqual({ budget: 'stripe_calls', limit: 5 });
  });

  it('allows log text up to the budget and says how much of the crossing execution’s fits', async () => {
    const ledger = createBudgetLedger(resolveBudgets({ logBytes: 100 }));
    expect(await ledger.admitOutput('ex_1', 60, 0)).toEqual({ refused: null, logBytes: 60 });
    expect(await ledger.admitOutput('ex_2', 60, 0)).toEqual({
      refused: { budget: 'log_bytes', limit: 100 },
      logBytes: 40,
    });
    expect(await ledger.admitOutput('ex_3', 1, 0)).toEqual({
      refused: { budget: 'log_bytes', limit: 100 },
      logBytes: 0,
    });
  });
});

describe('fitLogs', () => {
  it('keeps whole lines that fit, cuts the crossing one with a marker and drops the rest', () => {
    const kept = fitLogs([log('aaaa'), log('bbbbbb'), log('cc')], 7);
    expect(kept.map((line) => line.message)).toEqual(['aaaa', `bbb${LOG_CUT_MARKER}`]);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const kept = fitLogs([log('éé'), log('x')], 4);
    expect(kept.map((line) => line.message)).toEqual(['éé', `${LOG_CUT_MARKER}`]);
  });
});
