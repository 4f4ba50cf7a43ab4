import type { Command } from 'commander';
import { runLocalStack } from '../local-stack';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the whole system locally: emulators, every app, the local event router')
    .option('--port <port>', 'gateway port; apps and emulators use the next ports', (v) => Number(v), Number(process.env.BUDDIE_PORT ?? 3000))
    .action(async (options: { port: number }) => {
      await runLocalStack({ basePort: options.port });
    });
}
