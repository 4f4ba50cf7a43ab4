import { Command } from 'commander';
import { registerCommands } from './commands';

// Node 20 is the supported runtime here; the SDK's notice about its future floor is noise for CLI users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const program = new Command('buddie').description('Buddie: contact-center intelligence for Amazon Connect');
registerCommands(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
