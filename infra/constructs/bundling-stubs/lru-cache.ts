/**
 * Stand-in for `lru-cache` (v7 through `@apollo/utils.keyvaluecache`, v11 in Apollo Server's
 * cache-control plugin): the same least-recently-used cache over the few options and methods
 * those two use — `max` (entries), `maxSize` with `sizeCalculation`, a per-entry `ttl` in
 * milliseconds, `get`, `set`, `delete`, `clear`, `keys` — in a `Map`, whose insertion order is
 * the recency order. The package carries ~19 KB of features (fetch methods, disposal, stale
 * reads, autopurge timers) that no function uses. Any other option is refused when the cache is
 * made, so a dependency that starts relying on one fails at start-up, not with a wrong answer.
 */

/** The options Apollo passes. */
interface Options<V> {
  max?: number;
  maxSize?: number;
  sizeCalculation?: (value: V, key: unknown) => number;
  ttl?: number;
}

interface Entry<V> {
  value: V;
  size: number;
  /** Milliseconds since the epoch after which the entry is gone; undefined: never. */
  expiresAt: number | undefined;
}

const KNOWN_OPTIONS = new Set(['max', 'maxSize', 'sizeCalculation', 'ttl']);

export class LRUCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private totalSize = 0;
  private readonly max: number;
  private readonly maxSize: number;
  private readonly sizeOf: (value: V, key: K) => number;
  private readonly ttl: number | undefined;

  constructor(options: Options<V>) {
    const unknown = Object.keys(options).filter((name) => !KNOWN_OPTIONS.has(name));
    if (unknown.length > 0) {
      throw new Error(`The bundled lru-cache stand-in does not support ${unknown.join(', ')}`);
    }
    if (!options.max && !options.maxSize) throw new Error('lru-cache needs max or maxSize');
    this.max = options.max || Number.POSITIVE_INFINITY;
    this.maxSize = options.maxSize || Number.POSITIVE_INFINITY;
    this.sizeOf = options.sizeCalculation ?? (() => 1);
    this.ttl = options.ttl;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && Date.now() > entry.expiresAt) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, options: { ttl?: number } = {}): this {
    this.delete(key);
    const size = this.sizeOf(value, key);
    // As the package does: a value larger than the whole cache is not kept.
    if (size > this.maxSize) return this;
    const ttl = options.ttl ?? this.ttl;
    this.entries.set(key, { value, size, expiresAt: ttl ? Date.now() + ttl : undefined });
    this.totalSize += size;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.max && this.totalSize <= this.maxSize) break;
      this.delete(oldest);
    }
    return this;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.totalSize -= entry.size;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.totalSize = 0;
  }

  *keys(): IterableIterator<K> {
    const now = Date.now();
    // Most recently used first and expired ones left out, as the package lists them.
    for (const [key, entry] of [...this.entries].reverse()) {
      if (entry.expiresAt === undefined || now <= entry.expiresAt) yield key;
    }
  }
}

export default LRUCache;
