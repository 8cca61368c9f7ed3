/**
 * Key prefixes of the learning community's own items, besides the kernel's `GROUP` and `STATS`.
 * Every key of this subgraph starts with one of these or of the kernel's, so that its items can
 * be told apart (and its IAM policy scoped) by leading key.
 */
export const LC_PREFIX = {
  /** A session of a network group. */
  session: 'SESSION',
  /**
   * A participant's item collection in the learning community (a young person, a contact person
   * or a company): their memberships, attendance and attendance totals, so that "everything
   * about X" and erasure are one query.
   */
  participant: 'NETWORK',
  /** A work story. */
  story: 'STORY',
  /** A practice learning, and its tag and title-word index partitions. */
  learning: 'LEARNING',
  /** A NEXTWORK United gathering. */
  gathering: 'GATHERING',
  /** The training of a new team. */
  training: 'TRAINING',
  /** A suggestion to a municipality's network, and its listings. */
  suggestion: 'SUGGESTION',
  /** Index partitions of NEXTWORK United's listings. */
  united: 'UNITED',
} as const;
