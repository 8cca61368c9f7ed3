/**
 * Stand-in for `@apollo/utils.usagereporting` (operation signatures for Apollo Studio, with
 * `lodash.sortby`). Apollo Server's usage-reporting plugin needs it, and that plugin loads only
 * with an `APOLLO_KEY`, which no function here has.
 */
function unused(): never {
  throw new Error('Apollo usage reporting is left out of this bundle (no APOLLO_KEY)');
}

/** Never called: see the file's comment. */
export const usageReportingSignature = unused;
/** Never called: see the file's comment. */
export const calculateReferencedFieldsByType = unused;
