import type { Command } from 'commander';

/** Each command file exports `register(program)`; this list is the whole CLI. */
export function registerCommands(_program: Command): void {}
