import type { Command } from 'commander';
import { runningStackEnv } from '../local-state';
import { formatReport, Replayer } from '../replay';

export function registerReplay(program: Command): void {
  program
    .command('replay <paths...>')
    .description('send CTR / contact-event / agent-event / flow-log files into the running system through the AWS entry points')
    .action(async (paths: string[]) => {
      const replayer = new Replayer(runningStackEnv());
      for (const path of paths) await replayer.replayPath(path);
      replayer.close();
      console.log(formatReport(replayer.report));
      if (replayer.report.invalid.length > 0) process.exitCode = 1;
    });
}
