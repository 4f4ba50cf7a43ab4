import { Controller, Get, Param, Query } from '@nestjs/common';
import { NotFoundError } from '@buddie/domain';
import { ContactRepository, type ContactItem, type Page } from '@buddie/persistence';
import { ContactIdParam, ListContactsQuery } from './contacts.dto';

@Controller('api/v1')
export class ContactsController {
  constructor(private readonly contacts: ContactRepository) {}

  @Get('contacts')
  list(@Query() query: ListContactsQuery): Promise<Page<ContactItem>> {
    return this.contacts.list({
      limit: query.limit,
      cursor: query.cursor,
      channel: query.channel,
      agentUsername: query.agent,
      queueName: query.queue,
      initiationMethod: query.initiationMethod,
    });
  }

  @Get('contacts/:id')
  async get(@Param() { id }: ContactIdParam): Promise<ContactItem> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    return contact;
  }

  /** Every leg of the conversation this contact belongs to (transfers and callbacks), oldest first. */
  @Get('contacts/:id/conversation')
  async conversation(@Param() { id }: ContactIdParam): Promise<{ conversationId: string; contacts: ContactItem[] }> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    return { conversationId: contact.conversationId, contacts: await this.contacts.listConversation(contact.conversationId) };
  }
}
