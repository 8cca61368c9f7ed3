import type { SubgraphContext } from './context.ts';

/** Computes a value of one kind at most once per request and key. */
export type RequestMemo<T> = (
  context: Pick<SubgraphContext, 'loader'>,
  key: string,
  compute: () => T,
) => T;

/**
 * A memo that computes a value once per request and key, and hands every later caller of the
 * same request the same value (usually a promise). The programme's figures, for one, are asked
 * for by every municipality of `{ municipalities { …Stats } }` and by the total, but read and
 * suppressed once. A request is its entity loader, which is made anew for each request and
 * dropped with it.
 *
 * Each memo keeps its own values, so two modules can never read each other's under the same
 * key, though every subgraph's programme figures are keyed by their period alike.
 */
export function createRequestMemo<T>(): RequestMemo<T> {
  const valuesOfRequest = new WeakMap<object, Map<string, T>>();
  return (context, key, compute) => {
    let values = valuesOfRequest.get(context.loader);
    if (!values) {
      values = new Map();
      valuesOfRequest.set(context.loader, values);
    }
    if (!values.has(key)) values.set(key, compute());
    return values.get(key) as T;
  };
}
