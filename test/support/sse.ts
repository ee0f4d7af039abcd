/** A minimal Server-Sent Events client over fetch, recording every event it receives. */
export interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  private controller = new AbortController();
  private waiters: Array<() => void> = [];
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  async open(): Promise<number> {
    const res = await fetch(this.url, { headers: this.headers, signal: this.controller.signal });
    if (!res.body) return res.status;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            this.parse(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
            cut = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // aborted
      }
    })();
    return res.status;
  }

  private parse(block: string) {
    const e: Partial<SseEvent> & { dataText?: string } = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') e.event = value;
      else if (field === 'id') e.id = value;
      else if (field === 'data') e.dataText = (e.dataText ? `${e.dataText}\n` : '') + value;
    }
    if (!e.event && e.dataText === undefined) return;
    this.events.push({
      event: e.event ?? 'message',
      ...(e.id ? { id: e.id } : {}),
      data: e.dataText ? JSON.parse(e.dataText) : null,
    });
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until an event matching `predicate` has arrived (generous timeout: no timing is asserted). */
  async waitFor(predicate: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.map((x) => x.event))}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server ends the stream (generous timeout: no timing is asserted). */
  async ended(timeoutMs = 10_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the stream stayed open for ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  close() {
    this.controller.abort();
  }
}
