import type { PriorityPolicy } from '../../../common/queue';

export type Line = 'priority' | 'normal';

/**
 * Which waiting line call-next tries first, the other being the fallback when the first is empty.
 * `strict`: priority first always. `interleave`: one priority ticket after every N normal ones.
 */
export function linePreference(
  policy: PriorityPolicy,
  normalsSincePriority: number,
): readonly [Line, Line] {
  switch (policy.kind) {
    case 'strict':
      return ['priority', 'normal'];
    case 'interleave':
      return normalsSincePriority >= policy.normalsPerPriority
        ? ['priority', 'normal']
        : ['normal', 'priority'];
  }
}

/** The counter's "normals since priority" after it called a ticket of `line`. */
export function nextNormalsSincePriority(current: number, line: Line): number {
  return line === 'priority' ? 0 : current + 1;
}
