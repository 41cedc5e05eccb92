import { describe, expect, it } from 'vitest';
import { linePreference, nextNormalsSincePriority, type Line } from './priority-policy';
import type { PriorityPolicy } from '../../../common/queue';

/** Simulates a counter calling from two ever-full lines. */
function callOrder(policy: PriorityPolicy, calls: number): Line[] {
  const order: Line[] = [];
  let n = 0;
  for (let i = 0; i < calls; i++) {
    const [line] = linePreference(policy, n);
    order.push(line);
    n = nextNormalsSincePriority(n, line);
  }
  return order;
}

describe('priority policy', () => {
  it('strict always prefers the priority line', () => {
    expect(callOrder({ kind: 'strict' }, 3)).toEqual(['priority', 'priority', 'priority']);
  });

  it('interleave takes one priority after every N normal', () => {
    expect(callOrder({ kind: 'interleave', normalsPerPriority: 3 }, 8)).toEqual([
      'normal',
      'normal',
      'normal',
      'priority',
      'normal',
      'normal',
      'normal',
      'priority',
    ]);
    expect(linePreference({ kind: 'interleave', normalsPerPriority: 1 }, 0)).toEqual([
      'normal',
      'priority',
    ]);
  });
});
