import { BadRequestException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BuddieError, InvalidInputError, NotFoundError, TransientError } from '@buddie/domain';
import { ConnectValidationError } from '@buddie/connect';
import { AuthenticationError } from './auth/api-key.verifier';
import { EventDetailInvalidError } from '@buddie/messaging';
import { HttpExceptionFilter } from './http-exception.filter';

/** A fake HTTP host: the filter only needs the reply's status/send. */
function reply() {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    send(body: unknown) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('HttpExceptionFilter', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it.each([
    [new InvalidInputError('contactId is required'), 400, 'INVALID_INPUT'],
    [new NotFoundError('contact', 'c-1'), 404, 'NOT_FOUND'],
    [new TransientError('DOWNSTREAM_BUSY', 'try later'), 503, 'DOWNSTREAM_BUSY'],
    [new EventDetailInvalidError('SummaryCreated', [{ path: 'outcome', message: 'bad' }]), 400, 'EVENT_DETAIL_INVALID'],
    [new BadRequestException(['limit must be a number', 'cursor is invalid']), 400, 'INVALID_INPUT'],
    [new AuthenticationError('revoked', 'the API key has been revoked'), 401, 'UNAUTHORIZED'],
    [new BuddieError('FORBIDDEN', "this route needs the 'pii' scope", true), 403, 'FORBIDDEN'],
    [new BuddieError('CONFLICT', 'the escalation changed meanwhile', true), 409, 'CONFLICT'],
    [new BuddieError('RATE_LIMITED', 'retry in 12 s', true), 429, 'RATE_LIMITED'],
    [new BuddieError('TIMESTAMP_IN_FUTURE', 'LastUpdateTimestamp is ahead', true), 400, 'TIMESTAMP_IN_FUTURE'],
    [new BuddieError('SOMETHING_TRANSIENT', 'later', false), 503, 'SOMETHING_TRANSIENT'],
    [new ConnectValidationError('ctr', [{ path: 'ContactId', message: 'required' }]), 400, 'CONNECT_VALIDATION'],
    [Object.assign(new Error('Body is too large'), { statusCode: 413 }), 413, 'PAYLOAD_TOO_LARGE'],
    [Object.assign(new Error('Unexpected token } in JSON'), { statusCode: 400 }), 400, 'INVALID_INPUT'],
  ])('given %p, then status %i with code %s in the stable body', (error, status, code) => {
    const { host, sent } = reply();
    new HttpExceptionFilter().catch(error, host);
    expect(sent.status).toBe(status);
    expect(sent.body).toMatchObject({ error: { code } });
  });

  it('keeps validation issues as details and joins a pipe message list', () => {
    const { host, sent } = reply();
    new HttpExceptionFilter().catch(new EventDetailInvalidError('SummaryCreated', [{ path: 'outcome', message: 'bad' }]), host);
    expect(sent.body).toMatchObject({ error: { details: [{ path: 'outcome', message: 'bad' }] } });
    const second = reply();
    new HttpExceptionFilter().catch(new BadRequestException(['a', 'b']), second.host);
    expect(second.sent.body).toMatchObject({ error: { message: 'a; b' } });
  });

  it('given a typed error with details or a validation error with issues, then they reach the body as details', () => {
    const typed = reply();
    new HttpExceptionFilter().catch(new BuddieError('TIMESTAMP_IN_FUTURE', 'ahead', true, [{ path: 'LastUpdateTimestamp', message: 'ahead' }]), typed.host);
    expect(typed.sent.body).toEqual({ error: { code: 'TIMESTAMP_IN_FUTURE', message: 'ahead', details: [{ path: 'LastUpdateTimestamp', message: 'ahead' }] } });
    const connect = reply();
    new HttpExceptionFilter().catch(new ConnectValidationError('ctr', [{ path: 'ContactId', message: 'required' }]), connect.host);
    expect(connect.sent.body).toMatchObject({ error: { details: [{ path: 'ContactId', message: 'required' }] } });
  });

  it('given a 5xx-looking Fastify error, then it is not trusted: a plain 500', () => {
    const { host, sent } = reply();
    new HttpExceptionFilter().catch(Object.assign(new Error('socket hang up at 10.0.0.7'), { statusCode: 502 }), host);
    expect(sent).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } });
  });

  it('given an unexpected error, then a 500 that leaks nothing of it', () => {
    const { host, sent } = reply();
    new HttpExceptionFilter().catch(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2'), host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toMatch(/ECONNREFUSED|hunter2/);
  });
});
