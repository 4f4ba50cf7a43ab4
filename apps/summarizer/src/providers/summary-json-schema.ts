import { FOLLOW_UP_OWNERS, HEADLINE_MAX, SUMMARY_OUTCOMES, SUMMARY_SENTIMENTS } from '@buddie/domain';

/** The fields a model writes; contactId, provider, model and createdAt are filled in by Buddie. */
export const LLM_SUMMARY_FIELDS = ['headline', 'reason', 'actionsTaken', 'outcome', 'followUps', 'sentiment', 'agentNotes', 'topics', 'escalation'] as const;

const strings = { type: 'array', items: { type: 'string', minLength: 1 } };

/**
 * JSON Schema of the model-written part of CallSummary, derived from the domain's enums so the
 * tool definition and validateCallSummary cannot drift apart.
 */
export const LLM_SUMMARY_JSON_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [...LLM_SUMMARY_FIELDS],
  properties: {
    headline: { type: 'string', minLength: 1, maxLength: HEADLINE_MAX, description: 'One line: topic and what happened.' },
    reason: { type: 'string', minLength: 1, description: 'Why the customer contacted us.' },
    actionsTaken: { ...strings, description: 'What the agent did.' },
    outcome: { type: 'string', enum: [...SUMMARY_OUTCOMES] },
    followUps: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['action', 'owner'],
        properties: {
          action: { type: 'string', minLength: 1 },
          owner: { type: 'string', enum: [...FOLLOW_UP_OWNERS] },
          due: { type: 'string' },
        },
      },
    },
    sentiment: {
      type: 'object',
      additionalProperties: false,
      required: ['start', 'end'],
      properties: { start: { type: 'string', enum: [...SUMMARY_SENTIMENTS] }, end: { type: 'string', enum: [...SUMMARY_SENTIMENTS] } },
    },
    agentNotes: strings,
    topics: { ...strings, description: 'Short lowercase topic tags, e.g. billing, delivery, password-login.' },
    escalation: {
      type: 'object',
      additionalProperties: false,
      required: ['recommended'],
      properties: { recommended: { type: 'boolean' }, reason: { type: 'string' } },
    },
  },
} as const;
