import type { YouthConnectionResolvers } from '../generated/resolvers-types.ts';

/**
 * `YouthConnection`: a page of young people; the whole listing is counted only when
 * `totalCount` is asked (`domain/youth-queries.ts`, `YouthPage`).
 */
export const YouthConnection: YouthConnectionResolvers = {
  totalCount: (page) => page.countAll(),
};
