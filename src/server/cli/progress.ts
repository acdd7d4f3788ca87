/**
 * A one-line progress display on stderr: items done and the rate, redrawn at most ten times a
 * second. Quiet when stderr is not a terminal or when output is JSON.
 */
export class Progress {
  private count = 0;
  private bytes = 0;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly quiet: boolean,
    private readonly totalBytes: number | null = null,
    private readonly unit = 'activities',
  ) {}

  tick(n = 1, bytes?: number): void {
    this.count += n;
    if (bytes !== undefined) this.bytes = bytes;
    const now = Date.now();
    if (this.quiet || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    process.stderr.write(`\r${this.line(now)}`);
  }

  private line(now: number): string {
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = Math.round(this.count / seconds);
    let bar = '';
    if (this.totalBytes) {
      const share = Math.min(1, this.bytes / this.totalBytes);
      const width = 24;
      const filled = Math.round(share * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% `;
    }
    return `${this.label}: ${bar}${this.count} ${this.unit}, ${rate}/s   `;
  }

  done(): void {
    if (!this.quiet && this.count > 0) process.stderr.write(`\r${this.line(Date.now())}\n`);
  }
}
