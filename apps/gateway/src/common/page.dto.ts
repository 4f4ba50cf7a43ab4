import { AgentAlertDto, AgentDto, ContactDto, EscalationDto, JourneyDto, PageOf, SummaryDto, SyncStatusDto } from '@buddie/api-contract';

// One named OpenAPI page schema per list endpoint's item DTO.
export const ContactPageDto = PageOf(ContactDto, 'ContactPageDto');
export const SummaryPageDto = PageOf(SummaryDto, 'SummaryPageDto');
export const AgentPageDto = PageOf(AgentDto, 'AgentPageDto');
export const AgentAlertPageDto = PageOf(AgentAlertDto, 'AgentAlertPageDto');
export const JourneyPageDto = PageOf(JourneyDto, 'JourneyPageDto');
export const EscalationPageDto = PageOf(EscalationDto, 'EscalationPageDto');
export const SyncStatusPageDto = PageOf(SyncStatusDto, 'SyncStatusPageDto');
