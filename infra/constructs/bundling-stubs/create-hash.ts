import { type Hash, createHash as nodeCreateHash } from 'node:crypto';

/**
 * Stand-in for `@apollo/utils.createhash`, which Apollo Server and the gateway use to hash every
 * query (and the gateway the supergraph at start-up). The package takes Node's `crypto` through
 * `module.require`, which does not exist inside a bundle, and so falls back to the pure-JS
 * `sha.js` (slower, and ~30 KB of typed-array polyfills in the bundle). This is Node's own.
 *
 * @param kind - the algorithm, e.g. `sha256`
 */
export function createHash(kind: string): Hash {
  return nodeCreateHash(kind);
}
