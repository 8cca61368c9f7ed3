import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { logger, REDACTED, redact, requestLogger, scrub } from '#kernel/logger';

/** A young person's personal data, as it might slip into a log line by mistake. */
const PERSON = {
  firstName: 'Amalie',
  lastName: 'Kristensen',
  name: 'Amalie Kristensen',
  phone: '+4512345678',
  email: 'amalie.k@example.dk',
  cpr: '010203-1234',
  address: { street: 'Algade 1', town: 'Roskilde' },
  barriers: ['angst'],
  supportNotes: [{ text: 'Samtale om søvn' }],
  notes: 'Har svært ved mødetider',
};

const SECRETS = [
  'Amalie',
  'Kristensen',
  '12345678',
  'amalie.k@',
  '010203',
  'Algade',
  'angst',
  'søvn',
  'mødetider',
];

describe('the logger never writes personal data', () => {
  let written: string[];
  let stdout: MockInstance;
  let stderr: MockInstance;

  beforeEach(() => {
    written = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => {
    stdout.mockRestore();
    stderr.mockRestore();
  });

  /** The JSON lines written so far, parsed. */
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line.trim().startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('redacts personal attributes at any depth, in arrays and in a request logger', () => {
    // Prepare
    const log = requestLogger('corr-0001');
    // Act
    log.warn('youth changed', {
      youthId: 'y-265-001',
      youth: PERSON,
      changes: [{ field: 'contact', before: { phone: '+4587654321' }, after: PERSON.address }],
    });
    // Assess
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(line).toMatchObject({
      level: 'WARN',
      message: 'youth changed',
      correlationId: 'corr-0001',
      youthId: 'y-265-001',
      youth: { firstName: REDACTED, cpr: REDACTED, address: REDACTED, barriers: REDACTED },
      changes: [{ field: 'contact', before: { phone: REDACTED } }],
    });
  });

  it('redacts authorization headers, tokens and GraphQL variables', () => {
    // Act
    logger.error('request failed', {
      headers: { Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
      id_token: 'abc',
      variables: { input: { youthId: 'y-1', phone: '+4512345678' } },
      operationName: 'UpdateYouth',
    });
    // Assess
    const [line] = lines();
    expect(line).toMatchObject({
      headers: { Authorization: REDACTED },
      token: REDACTED,
      id_token: REDACTED,
      variables: REDACTED,
      operationName: 'UpdateYouth',
    });
    expect(JSON.stringify(line)).not.toContain('eyJ');
  });

  it('scrubs CPR numbers, e-mail addresses and tokens out of messages and free strings', () => {
    // Act
    logger.warn('lookup of 0102031234 by amalie.k@example.dk failed', {
      detail: 'cpr 010203-1234 with Bearer abc.def.ghi',
      count: 1_767_225_600,
    });
    // Assess
    const [line] = lines();
    const text = JSON.stringify(line);
    expect(text).not.toContain('0102031234');
    expect(text).not.toContain('010203-1234');
    expect(text).not.toContain('amalie.k@example.dk');
    expect(text).not.toContain('abc.def.ghi');
    expect(line?.count).toBe(1_767_225_600);
  });

  it("keeps an error's class name, message and location, but not personal data it carries", () => {
    // Prepare
    const error = Object.assign(new Error('Condition failed for 010203-1234'), {
      name: 'ConditionFailedError',
      email: 'amalie.k@example.dk',
      reasons: ['ConditionalCheckFailed'],
    });
    // Act
    logger.error('write failed', { error });
    // Assess
    const [line] = lines();
    expect(line?.error).toMatchObject({
      name: 'ConditionFailedError',
      message: 'Condition failed for [CPR REDACTED]',
      email: REDACTED,
      reasons: ['ConditionalCheckFailed'],
    });
  });

  it('leaves ids, codes and figures alone', () => {
    // Act
    const redacted = redact({
      youthId: 'y-265-001',
      companyId: 'c-265-01',
      code: 'FORBIDDEN',
      operationName: 'Youth',
      durationMs: 12,
      municipalityCode: '265',
      correlationId: '3f1c0c9e-1d2a-4c55-9a8e-0d6f5c1b2a3e',
    });
    // Assess
    expect(redacted).toEqual({
      youthId: 'y-265-001',
      companyId: 'c-265-01',
      code: 'FORBIDDEN',
      operationName: 'Youth',
      durationMs: 12,
      municipalityCode: '265',
      correlationId: '3f1c0c9e-1d2a-4c55-9a8e-0d6f5c1b2a3e',
    });
    expect(scrub('placement p-265-0042 ended 2026-04-29')).toBe(
      'placement p-265-0042 ended 2026-04-29',
    );
  });
});
