const KEPT_LINES = 20;
const MAX_LINE = 500;

/** The last lines a server wrote to stderr: what a failed deployment's `error` quotes. */
export class StderrTail {
  private lines: string[] = [];
  private partial = '';

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop()!.slice(-MAX_LINE);
    for (const line of parts) if (line.trim()) this.lines.push(line.slice(0, MAX_LINE));
    if (this.lines.length > KEPT_LINES) this.lines = this.lines.slice(-KEPT_LINES);
  }

  last(count = 5): string[] {
    return [...this.lines, ...(this.partial.trim() ? [this.partial] : [])].slice(-count);
  }
}
