let sequence = 0;

/**
 * A unique id for a test fixture: `<prefix>-<n>`, unique within the test file's process.
 *
 * @param prefix - what the id is of, e.g. `y` for a young person
 */
export function fixtureId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}
