import { z } from 'zod';
import { nonEmpty } from './event-definition';

/**
 * The AWS events a Buddie consumer reads through the event transport, keyed by detail-type: only the
 * fields Buddie reads (the rest of AWS's detail is dropped at the edge). Connect's contact events and
 * CTRs are not here: ingestion reads them with libs/connect's decoders (see README "Events").
 */
export const EXTERNAL_EVENT_DETAILS = {
  'Transcribe Job State Change': z.object({ TranscriptionJobName: nonEmpty, TranscriptionJobStatus: nonEmpty }),
  'Call Analytics Job State Change': z.object({ JobName: nonEmpty, JobStatus: nonEmpty }),
} as const;
