/**
 * Runs `run` over the items with at most `limit` calls in flight (at least one), taking items in
 * order; resolves when all are done and rejects with the first failure.
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
