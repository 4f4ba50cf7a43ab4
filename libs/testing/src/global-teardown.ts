export default async function globalTeardown(): Promise<void> {
  const emulators = globalThis.__BUDDIE_EMULATORS__;
  globalThis.__BUDDIE_EMULATORS__ = undefined;
  if (emulators) await emulators.stop();
}
