/**
 * What the people subgraph lets another subgraph do with a young person: change their
 * programme status inside that subgraph's own transaction (a placement starts, so the young
 * person is in placement), along people's own transition rules. The one module of people that
 * another subgraph may import (the boundary rule in `biome.json`).
 */
export {
  prepareYouthStatusChange,
  type YouthStatusChangeRequest,
} from '../repository/youth-status-transition.ts';
