import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ContactDto, ConversationDto, toContactDto, type Page } from '@buddie/api-contract';
import { NotFoundError } from '@buddie/domain';
import { ContactRepository } from '@buddie/persistence';
import type { Principal } from '@buddie/runtime';
import { ContactPageDto } from '../common/page.dto';
import { ContactPrivacy } from './contact-privacy';
import { ContactIdParam, ListContactsQuery } from './contacts.dto';

@ApiTags('contacts')
@ApiSecurity('api-key')
@Controller('api/v1')
export class ContactsController {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly privacy: ContactPrivacy,
  ) {}

  @Get('contacts')
  @ApiOkResponse({ type: ContactPageDto })
  async list(@Query() query: ListContactsQuery, @Req() request: { principal: Principal }): Promise<Page<ContactDto>> {
    const page = await this.contacts.list({
      limit: query.limit,
      cursor: query.cursor,
      channel: query.channel,
      agentUsername: query.agent,
      queueName: query.queue,
      initiationMethod: query.initiationMethod,
    });
    return { items: page.items.map(toContactDto).map(this.privacy.forCaller(request.principal)), nextCursor: page.nextCursor };
  }

  @Get('contacts/:id')
  @ApiOkResponse({ type: ContactDto })
  async get(@Param() { id }: ContactIdParam, @Req() request: { principal: Principal }): Promise<ContactDto> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    return this.privacy.forCaller(request.principal)(toContactDto(contact));
  }

  /** Every leg of the conversation this contact belongs to (transfers and callbacks), oldest first. */
  @Get('contacts/:id/conversation')
  @ApiOkResponse({ type: ConversationDto })
  async conversation(@Param() { id }: ContactIdParam, @Req() request: { principal: Principal }): Promise<ConversationDto> {
    const contact = await this.contacts.get(id);
    if (!contact) throw new NotFoundError('contact', id);
    const legs = await this.contacts.listConversation(contact.conversationId);
    return { conversationId: contact.conversationId, contacts: legs.map(toContactDto).map(this.privacy.forCaller(request.principal)) };
  }
}
