import type { Command } from 'commander';
import { runLocalStack } from '../local-stack';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('run the whole system locally: emulators, every app, the local event router and a simulated contact center')
    .option('--port <port>', 'gateway port; apps and emulators use the next ports', (v) => Number(v), Number(process.env.BUDDIE_PORT ?? 3000))
    .option('--no-simulator', 'start without the simulated contact center (also BUDDIE_SIMULATOR=off)')
    .option('--agents <n>', 'simulated agents', (v) => Number(v), Number(process.env.BUDDIE_SIM_AGENTS ?? 25))
    .option('--speed <x>', 'simulation speed (1 = real time)', (v) => Number(v), Number(process.env.BUDDIE_SIM_SPEED ?? 1))
    .option('--seed <n>', 'simulation seed', (v) => Number(v), Number(process.env.BUDDIE_SIM_SEED ?? Date.now() % 100000))
    .action(async (options: { port: number; simulator: boolean; agents: number; speed: number; seed: number }) => {
      const simulate = options.simulator && process.env.BUDDIE_SIMULATOR !== 'off';
      await runLocalStack({
        basePort: options.port,
        simulator: simulate ? { agents: options.agents, speed: options.speed, seed: options.seed } : undefined,
      });
    });
}
