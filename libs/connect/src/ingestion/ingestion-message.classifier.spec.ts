import { CONTACT_EVENT_DETAIL_TYPE, CTR_DETAIL_TYPE, CTR_SOURCE, classifyIngestionMessage } from '../index';
import { readJson, sharedPath } from '../testing';

type Json = Record<string, unknown>;

const ctr = () =>
  readJson(sharedPath('fixtures/synthetic/ctr-02b-inbound-transferred-second-leg.json')) as Json;
const contactEventDetail = () =>
  readJson(sharedPath('fixtures/real/connect-docs/contact-event-connected-to-agent.detail.json')) as Json;

function envelope(detailType: string, source: string, detail: unknown): Json {
  return {
    version: '0',
    id: '6f1c0f5e-2a53-4a8e-9d43-0c1b2a3d4e5f',
    'detail-type': detailType,
    source,
    account: '111122223333',
    time: '2024-03-12T15:33:17Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

/** What an EventBridge Pipe from the CTR Kinesis stream delivers when it forwards the record as is. */
function kinesisPipeRecord(payload: string): Json {
  return {
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: 'shardId-000000000000:49650000000000000000000000000000000000000000000000000002',
    eventName: 'aws:kinesis:record',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:111122223333:stream/connect-ctr',
    kinesisSchemaVersion: '1.0',
    partitionKey: 'c5f3e4d6-7b80-4192-8c13-d4e5f6a7b803',
    sequenceNumber: '49650000000000000000000000000000000000000000000000000002',
    approximateArrivalTimestamp: 1710257597.123,
    data: Buffer.from(payload, 'utf8').toString('base64'),
  };
}

describe('classifyIngestionMessage', () => {
  describe('accepts the three delivery shapes', () => {
    it('a contact event from EventBridge', () => {
      const message = envelope(CONTACT_EVENT_DETAIL_TYPE, 'aws.connect', contactEventDetail());

      const result = classifyIngestionMessage(message);

      expect(result.ok).toBe(true);
      if (!result.ok || result.value.kind !== 'contact-event') throw new Error('expected a contact event');
      expect(result.value.event.contactId).toBe('11111111-1111-1111-1111-111111111111');
      expect(result.value.envelope.id).toBe('6f1c0f5e-2a53-4a8e-9d43-0c1b2a3d4e5f');
    });

    it('a CTR pipe event whose detail is the CTR', () => {
      const result = classifyIngestionMessage(envelope(CTR_DETAIL_TYPE, CTR_SOURCE, ctr()));

      expect(result.ok && result.value.kind === 'ctr' && result.value.record).toEqual(ctr());
      expect(result.ok && result.value.kind === 'ctr' && result.value.envelope?.source).toBe(CTR_SOURCE);
    });

    it('a CTR pipe event whose detail is the Kinesis record with base64 data', () => {
      const result = classifyIngestionMessage(
        envelope(CTR_DETAIL_TYPE, CTR_SOURCE, kinesisPipeRecord(JSON.stringify(ctr()))),
      );

      expect(result.ok).toBe(true);
      if (!result.ok || result.value.kind !== 'ctr') throw new Error('expected a CTR');
      expect(result.value.record).toEqual(ctr());
      expect(result.value.record.InitiationMethod).toBe('TRANSFER');
    });

    it('a bare CTR (POST /ingest/ctr)', () => {
      const result = classifyIngestionMessage(ctr());

      expect(result).toEqual({ ok: true, value: { kind: 'ctr', record: ctr() } });
    });
  });

  describe('rejects garbage with a clear reason', () => {
    it.each([
      ['a string', 'hello', ''],
      ['null', null, ''],
      ['an array', [ctr()], ''],
      ['a number', 42, ''],
      ['an object that is neither', { hello: 'world' }, ''],
    ])('%s', (_name, input, path) => {
      const result = classifyIngestionMessage(input);

      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues).toEqual([
        { path, message: expect.stringMatching(/EventBridge event|contact trace record/) },
      ]);
    });

    it('an envelope of another detail-type, named in the reason', () => {
      const transcribeEvent = readJson(
        sharedPath('fixtures/real/transcribe-docs/eventbridge-call-analytics-post-call-completed.json'),
      );

      expect(classifyIngestionMessage(transcribeEvent)).toEqual({
        ok: false,
        issues: [
          {
            path: 'detail-type',
            message: expect.stringContaining(
              "unsupported detail-type 'Call Analytics Post Call Job State Change'",
            ),
          },
        ],
      });
    });

    it('an envelope without detail-type', () => {
      const { 'detail-type': _dropped, ...message } = envelope(CTR_DETAIL_TYPE, CTR_SOURCE, ctr());

      expect(classifyIngestionMessage(message)).toEqual({
        ok: false,
        issues: [{ path: 'detail-type', message: expect.stringContaining('is required') }],
      });
    });

    it('an envelope without detail', () => {
      const { detail: _dropped, ...message } = envelope(CONTACT_EVENT_DETAIL_TYPE, 'aws.connect', null);

      expect(classifyIngestionMessage(message)).toEqual({
        ok: false,
        issues: [{ path: 'detail', message: 'is required' }],
      });
    });

    it('a known detail-type from the wrong source', () => {
      const result = classifyIngestionMessage(envelope(CTR_DETAIL_TYPE, 'someone.else', ctr()));

      expect(result).toEqual({
        ok: false,
        issues: [
          {
            path: 'source',
            message:
              "must be 'buddie.ctr-pipe' for detail-type 'Amazon Connect Contact Trace Record', got 'someone.else'",
          },
        ],
      });
    });

    it('a contact event with a bad detail, paths prefixed with detail', () => {
      const result = classifyIngestionMessage(
        envelope(CONTACT_EVENT_DETAIL_TYPE, 'aws.connect', {
          ...contactEventDetail(),
          eventType: 'EXPLODED',
        }),
      );

      expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['detail.eventType']);
    });

    it('pipe data that is not base64 JSON', () => {
      const record = { ...kinesisPipeRecord('{}'), data: 'not base64 at all!' };

      const result = classifyIngestionMessage(envelope(CTR_DETAIL_TYPE, CTR_SOURCE, record));

      expect(result).toEqual({
        ok: false,
        issues: [{ path: 'detail.data', message: expect.stringContaining('base64') }],
      });
    });

    it('pipe data that is base64 of something other than JSON', () => {
      const result = classifyIngestionMessage(
        envelope(CTR_DETAIL_TYPE, CTR_SOURCE, kinesisPipeRecord('ContactId=abc')),
      );

      expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['detail.data']);
    });

    it('an invalid CTR inside pipe data, with the path through data', () => {
      const broken = { ...ctr(), LastUpdateTimestamp: 'now' };

      const result = classifyIngestionMessage(
        envelope(CTR_DETAIL_TYPE, CTR_SOURCE, kinesisPipeRecord(JSON.stringify(broken))),
      );

      expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['detail.data.LastUpdateTimestamp']);
    });

    it('an invalid bare CTR, reporting every issue', () => {
      const result = classifyIngestionMessage({
        ...ctr(),
        Channel: 'PIGEON',
        LastUpdateTimestamp: undefined,
      });

      expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual([
        'Channel',
        'LastUpdateTimestamp',
      ]);
    });

    it('an envelope with a malformed time, alongside a valid detail', () => {
      const result = classifyIngestionMessage({
        ...envelope(CONTACT_EVENT_DETAIL_TYPE, 'aws.connect', contactEventDetail()),
        time: 'timestamp',
      });

      expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['time']);
    });
  });
});
