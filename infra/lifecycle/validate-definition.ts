import { createRequire } from 'node:module';

/** What `asl-validator` answers. */
export interface AslValidation {
  isValid: boolean;
  errorsText(separator?: string): string;
}

type AslValidator = (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => AslValidation;

// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as AslValidator;

/**
 * Validates a state machine definition as Amazon States Language (`asl-validator`), with its
 * JSON paths and task ARNs checked.
 *
 * @param definition - the definition
 */
export function validateDefinition(definition: unknown): AslValidation {
  return aslValidator(definition, { checkArn: true, checkPaths: true });
}
