import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ContactDto, ConversationDto, toContactDto, type Page } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { ContactRepository } from '@buddie/persistence';
import { ContactPageDto } from '../common/page.dto';
import { ContactIdParam, ListContactsQuery } from './contacts.dto';

@ApiTags('contacts')
@ApiSecurity('api-key')
@Controller('api/v1')
export class ContactsController {
  constructor(private readonly contacts: ContactRepository) {}

  @Get('contacts')
  @ApiOkResponse({ type: ContactPageDto })
  async list(@Query() query: ListContactsQuery): Promise<Page<ContactDto>> {
    const page = await this.contacts.list({
      limit: query.limit,
      cursor: query.cursor,
      channel: query.channel,
      agentUsername: query.agent,
      queueName: query.queue,
      initiationMethod: query.initiationMethod,
    });
    return { items: page.items.map(toContactDto), nextCursor: page.nextCursor };
  }

  @Get('contacts/:id')
  @ApiOkResponse({ type: ContactDto })
  async get(@Param() { id }: ContactIdParam): Promise<ContactDto> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    return toContactDto(contact);
  }

  /** Every leg of the conversation this contact belongs to (transfers and callbacks), oldest first. */
  @Get('contacts/:id/conversation')
  @ApiOkResponse({ type: ConversationDto })
  async conversation(@Param() { id }: ContactIdParam): Promise<ConversationDto> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    return { conversationId: contact.conversationId, contacts: (await this.contacts.listConversation(contact.conversationId)).map(toContactDto) };
  }
}
