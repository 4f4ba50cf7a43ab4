import { PageQuery } from '../common/page.query';
import { IsIn, IsOptional, Matches } from 'class-validator';

const SAFE_TEXT = /^[\p{L}\p{N} ._@+-]{1,100}$/u;

export class ListContactsQuery extends PageQuery {
  @IsOptional()
  @IsIn(['VOICE', 'CHAT', 'TASK'])
  channel?: string;

  @IsOptional()
  @Matches(SAFE_TEXT, { message: 'agent must be a username' })
  agent?: string;

  @IsOptional()
  @Matches(SAFE_TEXT, { message: 'queue must be a queue name' })
  queue?: string;

  @IsOptional()
  @IsIn(['INBOUND', 'OUTBOUND', 'TRANSFER', 'QUEUE_TRANSFER', 'CALLBACK', 'API', 'MONITOR', 'DISCONNECT'])
  initiationMethod?: string;
}

/** Connect contact ids are UUIDs in practice; the documented limit is 1-256 characters. */
export class ContactIdParam {
  @Matches(/^[A-Za-z0-9-]{1,256}$/, { message: 'id must be a contact id (letters, digits and dashes)' })
  id!: string;
}
