import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalFieldCipher } from '#kernel/field-cipher';
import { CprSchema, cprDateOfBirth, maskCpr } from '#people/domain/cpr';

describe('CPR numbers', () => {
  it('accepts DDMMYY-SSSS and ten digits with a real date, normalised to ten digits', () => {
    // Prepare
    const typed = ['010203-1234', '0102031234', ' 290200-4000 '];
    // Act
    const parsed = typed.map((value) => CprSchema.parse(value));
    // Assess
    expect(parsed).toEqual(['0102031234', '0102031234', '2902004000']);
  });

  it('refuses what is not ten digits or not a real date, without repeating the value', () => {
    // Prepare
    const bad = ['01020312345', '010203-12a4', '320103-1234', '290201-1234', ''];
    // Act
    const results = bad.map((value) => CprSchema.safeParse(value));
    // Assess
    for (const result of results) {
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).not.toContain('1234');
    }
  });

  it('reads the century from the seventh digit', () => {
    // Act + Assess
    expect(cprDateOfBirth('0102034111')).toBe('2003-02-01');
    expect(cprDateOfBirth('0102991111')).toBe('1999-02-01');
    expect(cprDateOfBirth('0102035111')).toBe('2003-02-01');
    expect(cprDateOfBirth('0102605111')).toBe('1860-02-01');
  });

  it('is shown only masked: the date part and four stars', () => {
    // Act + Assess
    expect(maskCpr('0102031234')).toBe('010203-****');
  });
});

describe('the local field cipher (AES-256-GCM)', () => {
  const cipher = createLocalFieldCipher(randomBytes(32).toString('hex'));

  it('round-trips a value and never stores it in clear', async () => {
    // Act
    const stored = await cipher.encrypt('0102031234', { youthId: 'y-1', field: 'cpr' });
    const read = await cipher.decrypt(stored, { youthId: 'y-1', field: 'cpr' });
    // Assess
    expect(stored).not.toContain('0102031234');
    expect(read).toBe('0102031234');
  });

  it('gives a different ciphertext each time', async () => {
    // Act
    const a = await cipher.encrypt('0102031234', { youthId: 'y-1', field: 'cpr' });
    const b = await cipher.encrypt('0102031234', { youthId: 'y-1', field: 'cpr' });
    // Assess
    expect(a).not.toBe(b);
  });

  it('refuses a ciphertext moved to another young person or tampered with', async () => {
    // Prepare
    const stored = await cipher.encrypt('0102031234', { youthId: 'y-1', field: 'cpr' });
    // The second-to-last character, always changed (comparing it, not the last, with 'A').
    const replaced = stored.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${stored.slice(0, -2)}${replaced}${stored.slice(-1)}`;
    // Act + Assess
    await expect(cipher.decrypt(stored, { youthId: 'y-2', field: 'cpr' })).rejects.toThrow();
    await expect(cipher.decrypt(tampered, { youthId: 'y-1', field: 'cpr' })).rejects.toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    // Act + Assess
    expect(() => createLocalFieldCipher('abcd')).toThrow();
  });
});
