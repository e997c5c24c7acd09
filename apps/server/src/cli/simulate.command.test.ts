import { describe, expect, it } from 'vitest';
import { simulateCommand } from './simulate.command.ts';

describe('workmate simulate', () => {
  it('runs the real engine over days on a fake clock and shows the ladder, the quiet-hours hold, and nothing after completion', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    await simulateCommand({ days: 10, seed: 1, zone: 'Europe/Berlin', language: 'de', write: (line) => lines.push(line) });
    const output = lines.join('\n');
    expect(output).toMatch(/^\[ 1\] /m);
    expect(output).toMatch(/ladder: info [1-9]\d*, warning [1-9]\d*, urgent [1-9]\d*, critical [1-9]\d* firings/);
    expect(output).toContain('[quiet hours: held, released together]');
    expect(output).toMatch(/critical only: yes; at most one per task and night: yes\), 0 SMS\/smart-home alerts in quiet hours, [1-9]\d* times several reminders held/);
    expect(output).toContain('after completion: 0 reminders');
    expect(output).toMatch(/done: nothing more about it/);
    // A row of the per-day table for every day touched (the run starts at 06:00, so the last day is partly there).
    expect(output.split('Per day and channel')[1]?.split('\n').filter((line) => /^ {2}\S{2} \d{2}\.\d{2}\./.test(line))).toHaveLength(11);
  });
});
