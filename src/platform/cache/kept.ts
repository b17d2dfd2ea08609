/**
 * Values kept per key for a registry generation (see migration 005): a value is used only under
 * the generation it was made under, a newer one is never replaced by an older one, concurrent
 * callers missing the same key share one making, and the whole is bounded by bytes (least
 * recently used out first). Used for match sets and for whole public pages.
 */
export class KeptByGeneration<V> {
  private readonly entries = new Map<string, { gen: string; value: V; bytes: number }>();
  private readonly runs = new Map<string, Promise<V>>();
  bytes = 0;

  constructor(private readonly maxBytes: number, private readonly sizeOf: (value: V) => number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value kept for `key` under `gen` (now the most recently used), or undefined. */
  get(key: string, gen: string): V | undefined {
    const e = this.entries.get(key);
    if (!e || e.gen !== gen) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** The value kept for `key` under whatever generation (the starting point of an update), or undefined. */
  peek(key: string): { gen: string; value: V } | undefined {
    const e = this.entries.get(key);
    return e && { gen: e.gen, value: e.value };
  }

  /** Makes the value of `key` once for all callers asking under `gen`; `make` reports the generation it read. */
  make(key: string, gen: string, make: () => Promise<{ value: V; gen: string }>): Promise<V> {
    const run = gen + ' ' + key;
    let pending = this.runs.get(run);
    if (!pending) {
      pending = make().then(({ value, gen: madeUnder }) => {
        this.store(key, madeUnder, value);
        return value;
      }).finally(() => this.runs.delete(run));
      this.runs.set(run, pending);
    }
    return pending;
  }

  /** Counts `n` more bytes for a kept value that grew after it was stored. */
  grew(key: string, value: V, n: number) {
    const e = this.entries.get(key);
    if (e?.value !== value) return;
    e.bytes += n;
    this.bytes += n;
    this.evict();
  }

  private store(key: string, gen: string, value: V) {
    const old = this.entries.get(key);
    if (old && BigInt(old.gen) > BigInt(gen)) return; // a newer one is kept already
    if (old) { this.bytes -= old.bytes; this.entries.delete(key); }
    const bytes = this.sizeOf(value);
    this.entries.set(key, { gen, value, bytes });
    this.bytes += bytes;
    this.evict();
  }

  private evict() {
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes || this.entries.size <= 1) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
