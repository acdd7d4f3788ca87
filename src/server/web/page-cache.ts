/**
 * A few seconds of memory for rendered public pages. Anonymous readers all see the same page
 * for the same address, so under load one render serves everyone asking in the same moment
 * (concurrent misses wait for the one render in flight); a change shows within the TTL.
 */
export class PageCache {
  private readonly entries = new Map<string, { at: number; body: Promise<string> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
  ) {}

  get(key: string, render: () => Promise<string>): Promise<string> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.body;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, e] of this.entries) if (now - e.at >= this.ttlMs) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const body = render();
    this.entries.set(key, { at: now, body });
    // A failed render is not remembered: the next reader tries again.
    body.catch(() => {
      if (this.entries.get(key)?.body === body) this.entries.delete(key);
    });
    return body;
  }

  clear(): void {
    this.entries.clear();
  }
}
