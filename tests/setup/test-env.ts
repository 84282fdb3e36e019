// Every test file: a test environment, and any console.error fails the test that caused it.
import { afterEach, beforeEach, vi } from 'vitest';

process.env.NODE_ENV = 'test';
process.env.DATA_DIR = 'memory://';
process.env.SESSION_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';

let errors: unknown[][] = [];
let spy: ReturnType<typeof vi.spyOn> | undefined;

beforeEach(() => {
  errors = [];
  spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  spy?.mockRestore();
  if (errors.length) {
    const text = errors.map((a) => a.map((x) => (x instanceof Error ? x.stack : String(x))).join(' ')).join('\n');
    throw new Error(`console.error was called during the test:\n${text}`);
  }
});
