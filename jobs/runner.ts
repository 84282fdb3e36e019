// Every job runs through here: one line of log per run, a time limit, errors re-thrown so pg-boss retries.
export async function runJob<T>(name: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name} timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (process.env.FIVEFOLD_JOB_LOG === '1') console.info(`[job] ${name} ok in ${Date.now() - started} ms`);
    return result;
  } catch (error) {
    console.warn(`[job] ${name} failed after ${Date.now() - started} ms: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
