import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  DanishPhoneSchema,
  EmailSchema,
  IsoDateSchema,
  PageSizeSchema,
  parseInput,
} from '#kernel/validation';

describe('validation helpers', () => {
  it.each(['2026-02-29', '2026-13-01', '26-01-01', '2026-1-1'])('refuses the date %s', (value) => {
    expect(IsoDateSchema.safeParse(value).success).toBe(false);
  });

  it('accepts a real date, a leap day included', () => {
    expect(IsoDateSchema.parse('2028-02-29')).toBe('2028-02-29');
  });

  it.each([
    ['22 33 44 55', '+4522334455'],
    ['+45 22 33 44 55', '+4522334455'],
    ['0045-22334455', '+4522334455'],
  ])('normalises the Danish phone number %s', (input, expected) => {
    expect(DanishPhoneSchema.parse(input)).toBe(expected);
  });

  it.each(['12 34 56 78', '2233445', '+46 22334455'])('refuses the phone number %s', (input) => {
    expect(DanishPhoneSchema.safeParse(input).success).toBe(false);
  });

  it('lower-cases e-mail addresses and refuses what is not one', () => {
    expect(EmailSchema.parse(' Ida@Example.DK ')).toBe('ida@example.dk');
    expect(EmailSchema.safeParse('ida@').success).toBe(false);
  });

  it('caps the page size at 100', () => {
    expect(PageSizeSchema.parse(undefined)).toBe(20);
    expect(PageSizeSchema.safeParse(101).success).toBe(false);
  });

  it('turns every issue into one BAD_USER_INPUT error naming the fields', () => {
    // Prepare
    const schema = z.object({ email: EmailSchema, startDate: IsoDateSchema });
    // Act
    const attempt = () => parseInput(schema, { email: 'nope', startDate: '2026-02-30' });
    // Assess
    expect(attempt).toThrow(/email: .*; startDate: /);
    expect(attempt).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });
});
