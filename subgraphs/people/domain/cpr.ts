import * as z from 'zod';
import { DomainRuleError } from '#kernel/errors';
import type { FieldCipher } from '#kernel/field-cipher';

/**
 * The Danish CPR number ("personnummer"): `DDMMYY-SSSS`, ten digits, the first six the date of
 * birth. The seventh digit tells the century (CPR office rules). There is no modulus-11 check:
 * numbers without one have been issued since 2007.
 *
 * A CPR number is never logged, never put in an audit item or an export, and stored only
 * encrypted (`FieldCipher`); it is shown only masked, `DDMMYY-****`.
 */

/**
 * The year of birth a CPR number gives, from its two-digit year and seventh digit.
 *
 * @param twoDigitYear - YY
 * @param seventh - the first digit of the sequence number
 */
export function cprBirthYear(twoDigitYear: number, seventh: number): number {
  if (seventh <= 3) return 1900 + twoDigitYear;
  if (seventh === 4 || seventh === 9) {
    return (twoDigitYear <= 36 ? 2000 : 1900) + twoDigitYear;
  }
  return (twoDigitYear <= 57 ? 2000 : 1800) + twoDigitYear;
}

/**
 * The date of birth (ISO) a CPR number holds, or null when its first six digits are not a real
 * date.
 *
 * @param digits - ten digits
 */
export function cprDateOfBirth(digits: string): string | null {
  if (!/^\d{10}$/.test(digits)) return null;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const year = cprBirthYear(Number(digits.slice(4, 6)), Number(digits[6]));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A CPR number as typed (`DDMMYY-SSSS` or ten digits), checked and normalised to ten digits.
 * The error messages never repeat the value.
 */
export const CprSchema = z
  .string()
  .trim()
  .regex(/^\d{6}-?\d{4}$/, 'must be ten digits, DDMMYY-SSSS')
  .transform((value) => value.replace('-', ''))
  .refine((digits) => cprDateOfBirth(digits) !== null, 'must begin with a real date, DDMMYY');

/** A checked CPR number: ten digits. */
export type Cpr = z.infer<typeof CprSchema>;

/**
 * The only form in which a CPR number is shown: the date part and four stars.
 *
 * @param digits - a checked CPR number
 */
export function maskCpr(digits: Cpr): string {
  return `${digits.slice(0, 6)}-****`;
}

/** The encryption context of a young person's CPR number: bound to them and the field. */
export function cprCipherContext(youthId: string): Record<string, string> {
  return { youthId, field: 'cpr' };
}

/** Stable code of the rule that a CPR number's date part is the recorded date of birth. */
export const CPR_BIRTH_DATE_MISMATCH = 'CPR_BIRTH_DATE_MISMATCH';

/**
 * Checks that a CPR number agrees with the date of birth, encrypts it bound to the young person,
 * and returns what the profile stores: the ciphertext and the masked form.
 *
 * @param cipher - the field cipher
 * @param youthId - the young person
 * @param cpr - the checked CPR number
 * @param dateOfBirth - the date of birth the profile will hold
 * @throws DomainRuleError `CPR_BIRTH_DATE_MISMATCH`
 */
export async function protectCpr(
  cipher: FieldCipher,
  youthId: string,
  cpr: Cpr,
  dateOfBirth: string,
): Promise<{ cprCiphertext: string; cprMasked: string }> {
  if (cprDateOfBirth(cpr) !== dateOfBirth) {
    throw new DomainRuleError(
      CPR_BIRTH_DATE_MISMATCH,
      'The CPR number does not match the date of birth',
      ['cpr'],
    );
  }
  return {
    cprCiphertext: await cipher.encrypt(cpr, cprCipherContext(youthId)),
    cprMasked: maskCpr(cpr),
  };
}
