// Waiting in tests for something another process does: poll until the probe returns a value, or fail naming it.
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it returns something other than undefined; throws after `ms`, naming `what`. */
export async function until<T>(what: string, ms: number, probe: () => T | undefined | Promise<T | undefined>, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
