/**
 * A value loaded at most once per process when loading succeeds, and loaded again on the next
 * call when it failed: a secret or key that Secrets Manager could not hand out at a cold start
 * (throttled, a network blip) is tried again by the next request, instead of failing every
 * request for the container's life. Concurrent callers share one attempt.
 *
 * @param load - loads the value
 */
export function loadedOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      const attempt = load();
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = undefined;
      });
    }
    return loading;
  };
}
