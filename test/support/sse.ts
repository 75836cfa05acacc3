/** Polls `check` every 20 ms until it holds. */
export async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A minimal EventSource over fetch: parses `id:`, `event:` and `data:` lines. */
export async function openSse(baseUrl: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/events?token=${token}`, { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
  if (res.status !== 200) throw new Error(`SSE status ${res.status}`);
  const events: { id?: string; event?: string; data: any }[] = [];
  const reader = res.body!.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += Buffer.from(value).toString();
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const event: { id?: string; event?: string; data: any } = { data: undefined };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            if (line.startsWith('event: ')) event.event = line.slice(7);
            if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
          }
          if (event.data !== undefined) events.push(event);
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    async next(match: (e: { id?: string; event?: string; data: any }) => boolean) {
      await until(() => events.some(match));
      return events.find(match)!;
    },
    close: () => controller.abort(),
  };
}
