import { describe, expect, it } from 'vitest';
import { ScanThrottle } from './scan-throttle';

describe('ScanThrottle pacing', () => {
  it('allows at most one decode per interval and never two at once', () => {
    const gate = new ScanThrottle({ minIntervalMs: 125, minGapMs: 30 });
    expect(gate.begin(0)).toBe(true);
    expect(gate.begin(200)).toBe(false); // still decoding
    gate.end(10, null);
    expect(gate.mayDecode(100)).toBe(false);
    expect(gate.delayUntilNext(10)).toBe(115);
    expect(gate.begin(125)).toBe(true);
    gate.end(125, null);
  });

  it('counts at most 8 decodes in a second of frames offered every 16 ms', () => {
    const gate = new ScanThrottle();
    let decodes = 0;
    for (let t = 0; t < 1000; t += 16) {
      if (gate.begin(t)) {
        decodes++;
        gate.end(t + 5, null);
      }
    }
    expect(decodes).toBeLessThanOrEqual(8);
    expect(decodes).toBeGreaterThanOrEqual(7);
  });

  it('leaves an idle gap after a decode slower than the interval', () => {
    const gate = new ScanThrottle({ minIntervalMs: 125, minGapMs: 30 });
    gate.begin(0);
    gate.end(400, null);
    expect(gate.delayUntilNext(400)).toBe(30);
  });
});

describe('ScanThrottle de-duplication', () => {
  it('reports one code held in front of the camera once', () => {
    const gate = new ScanThrottle({ forgetAfterMs: 1500 });
    const seen: string[] = [];
    for (let t = 0; t < 5000; t += 125) {
      gate.begin(t);
      const text = gate.end(t + 20, 'A|B|C');
      if (text) seen.push(text);
    }
    expect(seen).toEqual(['A|B|C']);
  });

  it('reports a different code at once, and the same code again after it was out of sight', () => {
    const gate = new ScanThrottle({ forgetAfterMs: 1000 });
    expect(gate.end(0, 'one')).toBe('one');
    expect(gate.end(500, 'two')).toBe('two');
    expect(gate.end(600, 'two')).toBeNull();
    expect(gate.end(1200, null)).toBeNull();
    expect(gate.end(1700, 'two')).toBe('two'); // 1100 ms without seeing it
  });

  it('ignores empty results and reports again after forget()', () => {
    const gate = new ScanThrottle();
    expect(gate.end(0, '')).toBeNull();
    expect(gate.end(10, 'x')).toBe('x');
    expect(gate.end(20, 'x')).toBeNull();
    gate.forget();
    expect(gate.end(30, 'x')).toBe('x');
  });
});
