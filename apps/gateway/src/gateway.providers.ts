import { randomBytes } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { transcriptsBucketName, type GatewayConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { EventPublisher } from '@buddie/messaging';
import { EscalationRepository } from '@buddie/persistence';
import { CLOCK, createAwsClient } from '@buddie/runtime';
import { LiveTokenSigner } from './auth/live-token';
import { LiveGateway } from './live/live.gateway';
import { LiveHub } from './live/live.hub';
import { LiveSnapshots } from './live/live.snapshot';
import { EscalationActions } from './escalations/escalation-actions.service';
import { repositoryProviders } from './common/repository.providers';
import { ContactPrivacy } from './contacts/contact-privacy';
import { RedactedTranscriptStore } from './contacts/redacted-transcript.store';
import { KeyRevocations } from './auth/key-revocations';

/** The gateway's own wiring (live tokens, repositories, live feed; auth and rate limits come from CoreModule), kept apart so the module file stays a list. */
export function gatewayProviders(config: GatewayConfig): Provider[] {
  return [
    {
      provide: LiveTokenSigner,
      useFactory: (clock: Clock) => new LiveTokenSigner(config.LIVE_TOKEN_SECRET ?? randomBytes(32).toString('hex'), config.LIVE_TOKEN_TTL_SECONDS, clock),
      inject: [CLOCK],
    },
    ...repositoryProviders(config),
    {
      provide: EscalationActions,
      useFactory: (escalations: EscalationRepository, events: EventPublisher, clock: Clock) => new EscalationActions(escalations, events, clock),
      inject: [EscalationRepository, EventPublisher, CLOCK],
    },
    ContactPrivacy,
    { provide: RedactedTranscriptStore, useValue: new RedactedTranscriptStore(createAwsClient(config, 's3'), transcriptsBucketName(config)) },
    KeyRevocations,
    LiveHub,
    LiveSnapshots,
    LiveGateway,
  ];
}
