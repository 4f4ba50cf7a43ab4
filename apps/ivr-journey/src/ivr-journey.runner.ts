import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { IvrJourneyConfig } from '@buddie/config';
import { KinesisStreamConsumer } from '@buddie/messaging';
import { BUDDIE_CONFIG } from '@buddie/runtime';
import { JourneyAssemblyService } from './assembly/journey-assembly.service';
import { FlowLogConsumer } from './sources/flow-log.consumer';

/** Lifecycle: the flow-log stream and the due-contact sweep start at boot; on SIGTERM both finish what they are doing. */
@Injectable()
export class IvrJourneyRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IvrJourneyRunner.name);
  private timer: NodeJS.Timeout | undefined;
  private sweep: Promise<unknown> | undefined;

  constructor(
    @Inject(BUDDIE_CONFIG) private readonly config: IvrJourneyConfig,
    private readonly stream: KinesisStreamConsumer,
    private readonly flowLogs: FlowLogConsumer,
    private readonly assembly: JourneyAssemblyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.stream.start(this.flowLogs);
    this.logger.log(`reading ${this.stream.streamName}; journeys wait ${this.config.JOURNEY_GRACE_MS} ms for their other half`);
    this.timer = setInterval(() => {
      this.sweep ??= this.assembly.sweep().finally(() => (this.sweep = undefined));
    }, this.config.JOURNEY_SWEEP_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.stream.stop();
    await this.sweep;
  }
}
