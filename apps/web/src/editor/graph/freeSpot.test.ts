import { describe, expect, it } from 'vitest';
import { freeSpot } from './freeSpot.ts';

describe('freeSpot', () => {
  it('keeps the wanted place when it is free', () => {
    expect(freeSpot([{ position: { x: 600, y: 0 } }], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('moves below the nodes it would cover', () => {
    const taken = [{ position: { x: 10, y: 0 } }, { position: { x: 0, y: 100 } }];
    expect(freeSpot(taken, { x: 0, y: 0 })).toEqual({ x: 0, y: 200 });
  });
});
