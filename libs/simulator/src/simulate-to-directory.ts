import { FileSink, type FileSinkOptions } from './file.sink';
import { runSimulation, type RunOptions, type SimulationResult } from './run-simulation';
import type { SimulationConfig, SimulationConfigInput } from './simulation.config';

/** Simulates a day into a replayable folder (`buddie simulate --out dir`) and writes its manifest. */
export async function simulateToDirectory(
  config: SimulationConfig | SimulationConfigInput,
  dir: string,
  options: RunOptions & FileSinkOptions = { speed: 'max' },
): Promise<SimulationResult> {
  const sink = new FileSink(dir, options);
  const result = await runSimulation(config, sink, options);
  sink.writeManifest(result);
  return result;
}
