import { Command } from 'commander';
import { registerCommands } from './commands';

const program = new Command('buddie').description('Buddie: contact-center intelligence for Amazon Connect');
registerCommands(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
