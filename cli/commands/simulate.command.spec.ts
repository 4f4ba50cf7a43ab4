import { Command } from 'commander';
import { resolveConfig } from '@buddie/simulator';
import { parseSpeed, registerSimulate, toSimulationConfig } from './simulate.command';

describe('buddie simulate options', () => {
  it('given --speed values, then numbers, "10x" and max are accepted and nonsense is refused', () => {
    expect(parseSpeed('max')).toBe('max');
    expect(parseSpeed('10x')).toBe(10);
    expect(parseSpeed('0.5')).toBe(0.5);
    expect(() => parseSpeed('0')).toThrow();
    expect(() => parseSpeed('fast')).toThrow();
  });

  it('given the issue example flags, then the config carries them and rate flags override only their rate', () => {
    const program = new Command().exitOverride();
    let captured: Record<string, unknown> = {};
    registerSimulate(program);
    const cmd = program.commands.find((c) => c.name() === 'simulate') as Command;
    cmd.action((o: Record<string, unknown>) => {
      captured = o;
    });

    program.parse(['node', 'buddie', 'simulate', '--agents', '2000', '--hours', '8', '--speed', 'max', '--seed', '7', '--abandon', '0.2', '--no-transcripts'], { from: 'node' });
    const config = resolveConfig(toSimulationConfig(captured as unknown as Parameters<typeof toSimulationConfig>[0]));

    expect(config).toMatchObject({ agents: 2000, hours: 8, seed: 7, transcripts: false, recordings: true });
    expect(config.rates.abandon).toBe(0.2);
    expect(config.rates.transfer).toBe(resolveConfig().rates.transfer);
  });
});
