import { InvalidInputError } from '@buddie/domain';
import { decodeCursor, encodeCursor } from './cursor';

const contacts = { list: 'contacts.byRecency', fixed: { listPartition: 'all' } };
const keys = ['contactId', 'listPartition', 'listSort'];
const forge = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('pagination cursors are bound to the list that minted them', () => {
  it('given a cursor minted by a list, then the same list reads it back', () => {
    const key = { contactId: 'c-1', listPartition: 'all', listSort: '2026-12-01T10:00:00Z#c-1' };
    expect(decodeCursor(encodeCursor(key, contacts)!, keys, contacts)).toEqual(key);
  });

  it("given another endpoint's cursor, then it is refused as invalid input (400), not passed to DynamoDB", () => {
    const escalations = { list: 'escalations.byStatus', fixed: { status: 'open' } };
    const cursor = encodeCursor({ escalationId: 'e-1', status: 'open', createdAt: '2026-12-01' }, escalations)!;
    expect(() => decodeCursor(cursor, keys, contacts)).toThrow(InvalidInputError);
  });

  it("given a cursor carrying another partition's key, then it is refused", () => {
    const open = { list: 'escalations.byStatus', fixed: { status: 'open' } };
    const cursor = encodeCursor({ escalationId: 'e-1', status: 'resolved', createdAt: '2026-12-01' }, { list: 'escalations.byStatus' })!;
    expect(() => decodeCursor(cursor, ['escalationId', 'status', 'createdAt'], open)).toThrow(/not valid for this list/);
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['a bare key (the old format)', forge({ contactId: 'c-1' })],
    ['an empty key', forge({ l: 'contacts.byRecency', k: {} })],
    ['an attribute the list does not use', forge({ l: 'contacts.byRecency', k: { contactId: 'c-1', secret: 'x' } })],
    ['a non-string value', forge({ l: 'contacts.byRecency', k: { contactId: { S: 'c-1' } } })],
    ['an array', forge({ l: 'contacts.byRecency', k: ['c-1'] })],
  ])('given %s, then it is refused', (_case, cursor) => {
    expect(() => decodeCursor(cursor, keys, contacts)).toThrow(InvalidInputError);
  });
});
