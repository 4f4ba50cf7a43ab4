import { PageQuery } from '../common/page.query';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CONTACT_ID_PATTERN, CONTACT_ID_RULE } from '@buddie/domain';

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

/** The one ContactId rule (libs/domain), the same ingestion stores by: what is stored can be read. */
export class ContactIdParam {
  @Matches(CONTACT_ID_PATTERN, { message: `id must be ${CONTACT_ID_RULE}` })
  id!: string;
}
