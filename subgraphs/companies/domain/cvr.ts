import * as z from 'zod';

/** Weights of the CVR modulus-11 check, one per digit, the check digit's weight last. */
const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Whether eight digits form a CVR number whose check digit holds: the digits weighted
 * 2, 7, 6, 5, 4, 3, 2, 1 sum to a multiple of 11.
 *
 * @param cvr - eight digits
 */
export function hasValidCvrCheckDigit(cvr: string): boolean {
  if (!/^\d{8}$/.test(cvr)) return false;
  const sum = [...cvr].reduce(
    (total, digit, index) => total + Number(digit) * (CVR_WEIGHTS[index] ?? 0),
    0,
  );
  return sum % 11 === 0;
}

/**
 * A CVR number ("Det Centrale Virksomhedsregister"): eight digits, spaces allowed on the way
 * in, with a valid modulus-11 check digit, so that a mistyped number is refused at the form.
 */
export const CvrSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{8}$/, 'must be a CVR number of eight digits'))
  .refine(
    hasValidCvrCheckDigit,
    'is not a valid CVR number: the check digit does not match (modulus 11)',
  );
