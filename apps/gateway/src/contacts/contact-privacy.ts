import { Inject, Injectable } from '@nestjs/common';
import type { ContactDto } from '@buddie/api-contract';
import type { GatewayConfig } from '@buddie/config';
import { minimizeCtr, parseAttributeAllowList, scopesGrant, type ContactPiiPolicy } from '@buddie/domain';
import { BUDDIE_CONFIG, type Principal } from '@buddie/runtime';

/** Applies the domain's minimization to served contacts unless the caller's key has the `pii` scope. */
@Injectable()
export class ContactPrivacy {
  private readonly policy: ContactPiiPolicy;

  constructor(@Inject(BUDDIE_CONFIG) config: GatewayConfig) {
    this.policy = { attributeAllowList: parseAttributeAllowList(config.CONTACT_ATTRIBUTE_ALLOW_LIST) };
  }

  forCaller(principal: Principal): (contact: ContactDto) => ContactDto {
    if (scopesGrant(principal.scopes, 'pii')) return (contact) => contact;
    return (contact) => ({ ...contact, ctr: minimizeCtr(contact.ctr, this.policy) });
  }
}
