import type { SubgraphContext } from './context.ts';

const valuesOfRequest = new WeakMap<object, Map<string, unknown>>();

/**
 * Computes a value once per request and key, and hands every later caller of the same request
 * the same value (usually a promise). The programme's figures, for one, are asked for by every
 * municipality of `{ municipalities { …Stats } }` and by the total, but read and suppressed once.
 * A request is its entity loader, which is made anew for each request and dropped with it.
 *
 * @param context - the request
 * @param key - what the value is, unique across the subgraph (e.g. `programme-figures|from|to`)
 * @param compute - makes the value the first time
 */
export function oncePerRequest<T>(
  context: Pick<SubgraphContext, 'loader'>,
  key: string,
  compute: () => T,
): T {
  let values = valuesOfRequest.get(context.loader);
  if (!values) {
    values = new Map();
    valuesOfRequest.set(context.loader, values);
  }
  if (!values.has(key)) values.set(key, compute());
  return values.get(key) as T;
}
