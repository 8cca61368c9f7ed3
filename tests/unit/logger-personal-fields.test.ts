import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { REDACTED, requestLogger } from '#kernel/logger';

/**
 * The logger redacts every field the subgraphs' rules mark as a young person's personal data,
 * by name (the list derives from the marking: `subgraphs/kernel/personal-field-names.ts`).
 */
describe('the logger redacts the fields marked personal', () => {
  let written: string[];
  let spies: MockInstance[];

  beforeEach(() => {
    written = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation(capture),
      vi.spyOn(process.stderr, 'write').mockImplementation(capture),
    ];
  });

  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
  });

  it('redacts a wish’s motivation, an invitation’s message, a story and a plan at any depth', () => {
    // Prepare
    const input = {
      youthId: 'y-265-001',
      motivation: 'Jeg vil arbejde med dyr',
      message: 'Vi har hørt om din angst',
      workStory: { whatIDid: 'Passede heste', whatIWasGoodAt: 'Ro', whatIWantNext: 'Stald' },
      plan: { goals: ['Møde til tiden'], support: 'Mentor hver uge' },
      reflection: { whatHappened: 'Sygemeldt', whatWasLearned: 'Sige fra', whatNext: 'Kursus' },
    };
    // Act
    requestLogger('corr-personal').warn('input', { input });
    // Assess
    const text = written.join('');
    for (const secret of ['dyr', 'angst', 'heste', 'Stald', 'tiden', 'Mentor', 'Sygemeldt']) {
      expect(text).not.toContain(secret);
    }
    const line = JSON.parse(text.trim()) as { input: Record<string, unknown> };
    expect(line.input).toMatchObject({
      youthId: 'y-265-001',
      motivation: REDACTED,
      message: REDACTED,
      workStory: { whatIDid: REDACTED, whatIWasGoodAt: REDACTED, whatIWantNext: REDACTED },
      plan: REDACTED,
    });
  });

  it('keeps an error’s own message, scrubbed, and the codes operators need', () => {
    // Act
    requestLogger('corr-error').error('failed', {
      error: new Error('Conditional check failed for amalie@example.dk'),
      status: 'ACTIVE',
      step: 'CHECK_IN',
    });
    // Assess
    const line = JSON.parse(written.join('').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ status: 'ACTIVE', step: 'CHECK_IN' });
    expect(JSON.stringify(line.error)).toContain('Conditional check failed for [EMAIL REDACTED]');
  });
});
