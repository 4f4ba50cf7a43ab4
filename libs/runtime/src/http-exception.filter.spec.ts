import { BadRequestException, Logger, type ArgumentsHost } from '@nestjs/common';
import { InvalidInputError, NotFoundError, TransientError } from '@buddie/domain';
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

  it('given an unexpected error, then a 500 that leaks nothing of it', () => {
    const { host, sent } = reply();
    new HttpExceptionFilter().catch(new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2'), host);
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toMatch(/ECONNREFUSED|hunter2/);
  });
});
