import { DateScalar } from '#kernel/scalars';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { Municipality } from './municipality.ts';
import { Query } from './query.ts';

/** Every resolver of the people subgraph, one file per type. */
export const resolvers: Resolvers = { Date: DateScalar, Municipality, Query };
