/** Says yes to the first occurrence of a key in each interval, no to the rest (bounded memory). */
export class OncePerInterval {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  firstIn(key: string, now = Date.now()): boolean {
    const end = this.until.get(key);
    if (end !== undefined && end > now) return false;
    if (this.until.size >= this.maxKeys) this.prune(now);
    this.until.set(key, now + this.intervalMs);
    return true;
  }

  private prune(now: number): void {
    for (const [key, end] of this.until) if (end <= now) this.until.delete(key);
    // Still full (a flood of distinct keys): forget the oldest half rather than grow without end.
    if (this.until.size >= this.maxKeys) {
      [...this.until.keys()].slice(0, this.maxKeys / 2).forEach((key) => this.until.delete(key));
    }
  }
}
