/**
 * The people subgraph's access tables use the kernel's audience mechanism (one for every
 * subgraph); re-exported here so the domain's access files keep one import.
 */
export { type AudienceRules, audienceAllowed } from '#kernel/audience';
