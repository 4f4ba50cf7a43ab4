import { createServer } from 'node:net';
import { monotonicMs } from '@buddie/domain';

/** Asks the OS for a free port (for emulators that cannot listen on port 0 themselves). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(what: string, probe: () => Promise<unknown>, timeoutMs = 60000, intervalMs = 200): Promise<void> {
  const deadline = monotonicMs() + timeoutMs;
  let lastError: unknown;
  while (monotonicMs() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
