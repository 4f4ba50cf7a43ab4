import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IvrJourneyConfig } from '@buddie/config';
import { assembleJourney, forEachLimit, journeyContactFromCtr, maskFlowLogEntry, type Clock, type FlowLogStepInput, type JourneyConfig, type JourneyCtrLike } from '@buddie/domain';
import { EventPublisher } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, JourneyInputRepository, JourneyRepository } from '@buddie/persistence';
import { BUDDIE_CONFIG, CLOCK } from '@buddie/runtime';
import { FlowLogSearchAdapter } from '../sources/flow-log-search.adapter';
import { journeyCorrelationId, journeyFailed, journeyRecorded } from './journey-events.mapper';

export const JOURNEY_CONFIG = Symbol('JOURNEY_CONFIG');

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Puts each contact's journey together once its inputs are in: the CTR (ContactCompleted) and its flow
 * log entries, or whichever half arrived when the grace period is over; again when late entries come.
 * Decisions are the domain's (assembleJourney); this class only loads, stores and announces.
 */
@Injectable()
export class JourneyAssemblyService {
  private readonly logger = new Logger(JourneyAssemblyService.name);
  private sweeping: Promise<number> | undefined;

  constructor(
    @Inject(BUDDIE_CONFIG) private readonly config: IvrJourneyConfig,
    @Inject(JOURNEY_CONFIG) private readonly journeyConfig: JourneyConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly inputs: JourneyInputRepository,
    private readonly journeys: JourneyRepository,
    private readonly contacts: ContactRepository,
    private readonly publisher: EventPublisher,
    private readonly metrics: MetricsRegistry,
    @Inject(FlowLogSearchAdapter) private readonly search: FlowLogSearchAdapter | null,
  ) {}

  private at(offsetMs = 0): string {
    return new Date(this.clock.now().getTime() + offsetMs).toISOString();
  }

  /**
   * Entries of one contact from the stream: due after the grace period, or soon when the CTR is already in.
   * Stored masked (maskFlowLogEntry): keyed-in card, account and PIN digits never reach the table.
   */
  async entriesArrived(contactId: string, entries: readonly FlowLogStepInput[]): Promise<void> {
    const state = await this.inputs.state(contactId);
    const due = state?.contactSeenAt ? this.at(this.config.JOURNEY_SETTLE_MS) : this.at(this.config.JOURNEY_GRACE_MS);
    await this.inputs.addEntries(contactId, entries.map(maskFlowLogEntry), this.at(), due);
    this.metrics.increment('buddie_journey_flow_log_entries_total', {}, entries.length, 'Flow log entries received (duplicates included)');
  }

  /**
   * ContactCompleted: due now when entries are there, after the grace period otherwise (they may still be
   * coming). Its correlation id is stored with the inputs, so whichever later sweep assembles the journey
   * (settle, grace period, late entries) announces it under the id of the ContactCompleted.
   */
  async contactCompleted(contactId: string, correlationId: string): Promise<void> {
    const state = await this.inputs.state(contactId);
    const due = state?.entryCount ? this.at(this.config.JOURNEY_SETTLE_MS) : this.at(this.config.JOURNEY_GRACE_MS);
    await this.inputs.contactSeen(contactId, this.at(), due, correlationId);
  }

  /** One sweep over the contacts that are due; runs are never concurrent within an instance. */
  sweep(): Promise<number> {
    this.sweeping ??= (async () => {
      let done = 0;
      try {
        for (;;) {
          const due = await this.inputs.due(this.at(), 100);
          if (!due.length) break;
          await forEachLimit(due, 8, async ({ contactId, dueAt }) => {
            try {
              if (await this.assemble(contactId, dueAt)) done++;
            } catch (error) {
              // It stays due and is tried again by the next sweep.
              this.metrics.increment('buddie_journey_assembly_failed_total', {}, 1, 'Journey assemblies that failed and will be retried');
              this.logger.warn(`journey of ${contactId} not assembled (retrying): ${message(error)}`);
            }
          });
          if (due.length < 100 || done === 0) break;
        }
      } finally {
        this.sweeping = undefined;
      }
      return done;
    })();
    return this.sweeping;
  }

  /** False when another assembly holds the publish of this journey, so the contact is left due. */
  async assemble(contactId: string, dueAt: string): Promise<boolean> {
    const [stored, entries, state] = await Promise.all([this.contacts.get(contactId), this.inputs.entries(contactId), this.inputs.state(contactId)]);
    const correlationId = journeyCorrelationId(contactId, state?.correlationId);
    const ctr = stored?.ctr as (JourneyCtrLike & { CustomerEndpoint?: { Address?: string | null } | null }) | undefined;
    if (ctr && entries.length === 0 && this.search) {
      // The subscription never delivered this contact's entries: look them up in the log group.
      const from = new Date(Date.parse(ctr.InitiationTimestamp) - 60_000);
      const to = new Date(Date.parse(ctr.DisconnectTimestamp ?? ctr.InitiationTimestamp) + 15 * 60_000);
      const found = await this.search.entriesOf(contactId, { from, to });
      if (found.entries.length) {
        const masked = found.entries.map(maskFlowLogEntry);
        await this.inputs.addEntries(contactId, masked, this.at(), dueAt);
        entries.push(...masked);
      }
    }
    const address = ctr?.CustomerEndpoint?.Address;
    const callerKey = address ? createHmac('sha256', this.config.JOURNEY_CALLER_KEY_SECRET).update(address).digest('base64url').slice(0, 32) : null;
    const windowMs = this.journeyConfig.rules['repeat-caller'].withinHours * 3_600_000;
    const priors =
      callerKey && ctr && this.journeyConfig.rules['repeat-caller'].enabled
        ? await this.journeys.priorOfCaller(callerKey, new Date(Date.parse(ctr.InitiationTimestamp) - windowMs).toISOString(), ctr.InitiationTimestamp)
        : [];
    const journey = assembleJourney({
      contactId,
      entries,
      contact: ctr ? journeyContactFromCtr(ctr, callerKey) : null,
      priorContacts: priors.filter((p) => p.startedAt).map((p) => ({ contactId: p.contactId, startedAt: p.startedAt as string, outcome: p.outcome })),
      config: this.journeyConfig,
    });
    const at = this.at();
    const saved = await this.journeys.save(journey, at, correlationId);
    if (saved.needsPublish) {
      const recorded = journeyRecorded(journey, saved.record.version, correlationId);
      try {
        await this.publisher.publish(journey.failed ? [recorded, journeyFailed(journey, saved.record.version, correlationId)] : [recorded]);
      } catch (error) {
        // Give the claim up, so the retry (the contact stays due) publishes at once rather than after the deadline.
        await this.journeys.releasePublish(contactId, saved.fingerprint).catch(() => false);
        throw error;
      }
      await this.journeys.markPublished(contactId, saved.fingerprint);
      this.metrics.increment('buddie_journeys_recorded_total', { outcome: journey.outcome }, 1, 'Journeys recorded (re-assemblies that changed them included)');
      if (journey.failed) this.metrics.increment('buddie_journeys_failed_total', {}, 1, 'Journeys that broke a failure rule');
    }
    if (stored) await this.contacts.markStage(contactId, 'journey', at).catch((error: unknown) => this.logger.warn(`pipeline stage of ${contactId} not written: ${message(error)}`));
    // Another assembly is publishing this version: it marks the contact assembled; should it crash first, the
    // contact stays due and a sweep past the publish deadline takes the publish over.
    if (saved.publishHeldElsewhere) return false;
    await this.inputs.assembled(contactId, dueAt, at);
    return true;
  }
}
