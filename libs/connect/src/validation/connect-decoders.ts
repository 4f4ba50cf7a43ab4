import { CHANNELS, INITIATION_METHODS } from '../connect-enums';
import { CONTACT_ID_PATTERN, CONTACT_ID_RULE } from '@buddie/domain';
import { matching, oneOf, string } from './decoder';

/**
 * ARNs are only checked for being non-empty strings: the published samples themselves carry
 * placeholders such as "arn", "example-ARN" and "arn:aws::connect:…", and rejecting a record over an
 * ARN's spelling would drop real data for no gain.
 */
export const arn = string({ min: 1 });
/** The one ContactId rule (libs/domain): what ingestion stores, the gateway can always read back. */
export const contactId = matching(CONTACT_ID_PATTERN, CONTACT_ID_RULE);
export const username = string({ min: 1, max: 100 });
export const channel = oneOf(CHANNELS);
export const initiationMethod = oneOf(INITIATION_METHODS);
