/**
 * Lets at most `limit` tasks run at once and queues the others first-come, first-served.
 *
 * Why: a booking does a dozen short queries. With thousands of requests in flight (an opening morning), letting
 * them all start interleaves their queries on the database connection(s): every request then progresses at the
 * speed of the whole crowd and the first to arrive finishes with the last (and memory grows with the crowd).
 * Queued in arrival order, the early ones finish early and the work per request stays constant.
 */
export class FifoGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private head = 0;

  constructor(readonly limit: number) {}

  get queued(): number {
    return this.waiting.length - this.head;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++];
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      next(); // the slot passes straight to the next in line
    } else {
      this.running--;
    }
  }
}
