import { describe, expect, it } from 'vitest';
import { FifoGate } from './fifo-gate.js';

describe('FifoGate', () => {
  it('runs at most `limit` tasks at once, the others in arrival order', async () => {
    const gate = new FifoGate(2);
    let active = 0;
    let maxActive = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      gate.run(async () => {
        started.push(i);
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 2));
        active--;
        return i;
      }),
    );
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(maxActive).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(gate.queued).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new FifoGate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(async () => 'next')).toBe('next');
  });
});
