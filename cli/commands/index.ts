import type { Command } from 'commander';
import { BuddieConfig, loadConfig } from '@buddie/config';
import { runningStackEnv } from '../local-state';
import { LiveSimulatorSink } from '../simulator-live.sink';
import { registerDlq } from './dlq.command';
import { registerKeys } from './keys.command';
import { registerParse } from './parse.command';
import { registerProvision } from './provision.command';
import { registerReplay } from './replay.command';
import { registerSimulate } from './simulate.command';
import { registerStart } from './start.command';

/** Every command of the `buddie` CLI. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerProvision(program);
  registerReplay(program);
  registerParse(program);
  registerDlq(program);
  registerKeys(program);
  registerSimulate(program, {
    liveSink: async () =>
      new LiveSimulatorSink(loadConfig(BuddieConfig, runningStackEnv() as NodeJS.ProcessEnv), {
        onError: (error) => console.error(`delivery failed: ${error.message}`),
      }),
  });
}
