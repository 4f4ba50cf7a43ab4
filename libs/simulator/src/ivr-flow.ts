import type { FlowLogEntry } from './connect-records';
import type { Prng } from './prng';
import type { SimulationRates } from './simulation.config';
import { instanceArn, type QueueDef } from './topology';

export const MAIN_IVR_FLOW_ARN = instanceArn('contact-flow', '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d');
export const MAIN_IVR_FLOW_NAME = 'Main IVR';
export const CHAT_FLOW_ARN = instanceArn('contact-flow', '7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e');
export const CHAT_FLOW_NAME = 'Chat Inbound';

const HOURS_ARN = instanceArn('operating-hours', '7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e');
const CRM_LAMBDA = 'arn:aws:lambda:us-east-1:111122223333:function:crm-customer-lookup';
const ACCOUNT_LAMBDA = 'arn:aws:lambda:us-east-1:111122223333:function:account-self-service';
const MAX_MENU_ATTEMPTS = 3;

/** Block ids as in the designer; the first eleven match the synthetic flow-log fixture. */
const BLOCK = {
  logging: 'b0a1c2d3-0001-4e00-9000-000000000001',
  voice: 'b0a1c2d3-0002-4e00-9000-000000000002',
  hours: 'b0a1c2d3-0003-4e00-9000-000000000003',
  lookup: 'b0a1c2d3-0004-4e00-9000-000000000004',
  setCustomer: 'b0a1c2d3-0005-4e00-9000-000000000005',
  welcome: 'b0a1c2d3-0006-4e00-9000-000000000006',
  menu: 'b0a1c2d3-0007-4e00-9000-000000000007',
  attempts: 'b0a1c2d3-0008-4e00-9000-000000000008',
  checkAttempts: 'b0a1c2d3-0009-4e00-9000-000000000009',
  noInput: 'b0a1c2d3-000a-4e00-9000-00000000000a',
  invalid: 'b0a1c2d3-000b-4e00-9000-00000000000b',
  apology: 'b0a1c2d3-000c-4e00-9000-00000000000c',
  disconnect: 'b0a1c2d3-000d-4e00-9000-00000000000d',
  setQueue: 'b0a1c2d3-000e-4e00-9000-00000000000e',
  transfer: 'b0a1c2d3-000f-4e00-9000-00000000000f',
  subMenu: 'b0a1c2d3-0010-4e00-9000-000000000010',
  accountLambda: 'b0a1c2d3-0011-4e00-9000-000000000011',
  accountPrompt: 'b0a1c2d3-0012-4e00-9000-000000000012',
  goodbye: 'b0a1c2d3-0013-4e00-9000-000000000013',
  callbackOffer: 'b0a1c2d3-0014-4e00-9000-000000000014',
  callbackNumber: 'b0a1c2d3-0015-4e00-9000-000000000015',
  callbackConfirm: 'b0a1c2d3-0016-4e00-9000-000000000016',
  callReason: 'b0a1c2d3-0017-4e00-9000-000000000017',
  recording: 'b0a1c2d3-0018-4e00-9000-000000000018',
  maxAttempts: 'b0a1c2d3-0019-4e00-9000-000000000019',
  lookupStatus: 'b0a1c2d3-001a-4e00-9000-00000000001a',
  callbackQueue: 'b0a1c2d3-001b-4e00-9000-00000000001b',
  chatLogging: 'c0a1c2d3-0001-4e00-9000-000000000001',
  chatTopic: 'c0a1c2d3-0002-4e00-9000-000000000002',
  chatQueue: 'c0a1c2d3-0003-4e00-9000-000000000003',
  chatTransfer: 'c0a1c2d3-0004-4e00-9000-000000000004',
};

export interface MenuOption {
  readonly digit: string;
  readonly queue: QueueDef;
  readonly weight: number;
}

export type IvrOutcome =
  | { kind: 'queue'; queue: QueueDef; at: number }
  | { kind: 'callback'; at: number }
  | { kind: 'selfService'; at: number; disconnectReason: 'CONTACT_FLOW_DISCONNECT' | 'CUSTOMER_DISCONNECT' }
  | { kind: 'hangup'; at: number }
  | { kind: 'flowError'; at: number };

export interface IvrRun {
  entries: FlowLogEntry[];
  outcome: IvrOutcome;
  attributes: Record<string, string>;
}

export interface IvrInput {
  contactId: string;
  startMs: number;
  rng: Prng;
  rates: SimulationRates;
  menu: readonly MenuOption[];
  generalQueue: QueueDef;
  recordings: boolean;
  /** Whether callers are already waiting in a queue: only then is a callback offered. */
  queueBusy(queue: QueueDef): boolean;
}

const MENU_TEXT_CACHE = new WeakMap<readonly MenuOption[], string>();
const MENU_PARAMS_CACHE = new WeakMap<readonly MenuOption[], Record<string, string>>();
// Parameters objects are shared between entries on purpose: sinks can serialise each one once.
const P = {
  logging: { LoggingBehavior: 'Enable' },
  voice: { GlobalVoice: 'Joanna' },
  hours: { Hours: HOURS_ARN },
  recording: { RecordingBehaviorOption: 'Enable', RecordingParticipantOption: 'Both' },
  lookup: { FunctionArn: CRM_LAMBDA, TimeLimit: '3000', Parameters: { lookupBy: 'ani' } },
  apology: { Text: "We're sorry, we are having technical difficulties. Please call again later.", TextToSpeechType: 'text' },
  welcome: { Text: 'Thank you for calling Example Corp.', TextToSpeechType: 'text' },
  maxAttempts: { Text: 'Let me get you to someone who can help.', TextToSpeechType: 'text' },
  noInput: { Text: "Sorry, we didn't receive a selection.", TextToSpeechType: 'text' },
  invalid: { Text: 'Sorry, that is not a valid option.', TextToSpeechType: 'text' },
  subMenu: { Text: 'For automated account information, press 1. To speak with an agent, press 2.', TextToSpeechType: 'text', Timeout: '5', MaxDigits: '1' },
  goodbye: { Text: 'Thank you for calling. Goodbye.', TextToSpeechType: 'text' },
  callbackOffer: { Text: 'All of our agents are busy. To get a call back, press 1. To stay on the line, press 2.', TextToSpeechType: 'text', Timeout: '5', MaxDigits: '1' },
  callbackNumber: { CallbackNumber: '$.CustomerEndpoint.Address' },
  callbackConfirm: { Text: 'Thank you. We will call you back as soon as an agent is free.', TextToSpeechType: 'text' },
  callbackQueue: { Queue: 'Callbacks', CallbackMode: 'true', InitialCallDelay: '0', MaximumCallbackAttempts: '1' },
  empty: {},
};

function menuParamsFor(menu: readonly MenuOption[]): Record<string, string> {
  let params = MENU_PARAMS_CACHE.get(menu);
  if (params === undefined) {
    params = { Text: menuText(menu), TextToSpeechType: 'text', Timeout: '5', MaxDigits: '1' };
    MENU_PARAMS_CACHE.set(menu, params);
  }
  return params;
}

function menuText(menu: readonly MenuOption[]): string {
  let text = MENU_TEXT_CACHE.get(menu);
  if (text === undefined) {
    const parts = menu.filter((m) => m.digit !== '0').map((m) => `For ${spaced(m.queue.name)}, press ${m.digit}.`);
    if (menu.some((m) => m.digit === '0')) parts.push('To speak with someone about anything else, press 0.');
    text = parts.join(' ');
    MENU_TEXT_CACHE.set(menu, text);
  }
  return text;
}

function spaced(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Runs the caller through the main IVR, deciding every branch up front, and returns the blocks as logged. */
export function runMainIvr(input: IvrInput): IvrRun {
  const { rng, rates } = input;
  const entries: FlowLogEntry[] = [];
  const attributes: Record<string, string> = {};
  let t = input.startMs + rng.int(150, 450);
  const log = (type: string, id: string, parameters: Record<string, unknown>, extra?: { Results?: string; ExternalResults?: Record<string, string> }): void => {
    const entry: FlowLogEntry = {
      ContactId: input.contactId,
      ContactFlowId: MAIN_IVR_FLOW_ARN,
      ContactFlowName: MAIN_IVR_FLOW_NAME,
      ContactFlowModuleType: type,
      Identifier: id,
      Timestamp: new Date(t).toISOString(),
      Parameters: parameters,
    };
    if (extra?.Results !== undefined) entry.Results = extra.Results;
    if (extra?.ExternalResults !== undefined) entry.ExternalResults = extra.ExternalResults;
    entries.push(entry);
  };
  const quick = (): void => {
    t += rng.int(20, 130);
  };
  const speak = (seconds: number): void => {
    t += Math.round(seconds * 1000 * rng.uniform(0.85, 1.2));
  };
  const setAttr = (id: string, key: string, value: string): void => {
    attributes[key] = value;
    log('SetAttributes', id, { Key: key, Value: value });
    quick();
  };

  log('SetLoggingBehavior', BLOCK.logging, P.logging);
  quick();
  log('SetVoice', BLOCK.voice, P.voice);
  quick();
  log('CheckHoursOfOperation', BLOCK.hours, P.hours, { Results: 'True' });
  if (input.recordings) {
    quick();
    log('SetRecordingBehavior', BLOCK.recording, P.recording);
  }

  // CRM lookup: the Lambda is what fails in production, so its error branch is modelled explicitly.
  const lookupParams = P.lookup;
  if (rng.chance(rates.lambdaError)) {
    const timedOut = rng.chance(0.3);
    t += timedOut ? 3000 : rng.int(200, 900);
    log('InvokeExternalResource', BLOCK.lookup, lookupParams, { Results: timedOut ? 'Timeout' : 'The Lambda Function Returned An Error.' });
    quick();
    setAttr(BLOCK.lookupStatus, 'lookupStatus', 'error');
    if (rng.chance(0.5)) {
      log('PlayPrompt', BLOCK.apology, P.apology);
      speak(4.5);
      log('Disconnect', BLOCK.disconnect, P.empty);
      return { entries, attributes, outcome: { kind: 'flowError', at: t + rng.int(100, 600) } };
    }
    setAttr(BLOCK.setCustomer, 'customerFound', 'false');
  } else {
    t += rng.int(250, 1100);
    const found = rng.chance(0.85);
    const tier = found ? rng.weighted(['standard', 'gold', 'platinum'], [6, 3, 1]) : 'none';
    log('InvokeExternalResource', BLOCK.lookup, lookupParams, { ExternalResults: { customerFound: String(found), accountTier: tier } });
    quick();
    setAttr(BLOCK.setCustomer, 'customerFound', String(found));
    setAttr(BLOCK.setCustomer, 'accountTier', tier);
  }

  speak(3.6);
  log('PlayPrompt', BLOCK.welcome, P.welcome);

  const menuParams = menuParamsFor(input.menu);
  const validDigits = new Set(input.menu.map((m) => m.digit));
  const invalidDigits = ['4', '5', '6', '7', '8', '9', '#', '*'].filter((d) => !validDigits.has(d));
  let choice: MenuOption | undefined;
  for (let attempt = 1; attempt <= MAX_MENU_ATTEMPTS && choice === undefined; attempt++) {
    const r = rng.next();
    const menuSeconds = 2 + menuParams.Text.length / 16;
    if (r < rates.ivrTimeout) {
      speak(menuSeconds + 5);
      log('GetUserInput', BLOCK.menu, menuParams, { Results: 'Timeout' });
    } else if (r < rates.ivrTimeout + rates.ivrNoMatch) {
      speak(menuSeconds * rng.uniform(0.4, 1) + 1.5);
      log('GetUserInput', BLOCK.menu, menuParams, { Results: rng.pick(invalidDigits) });
    } else {
      speak(menuSeconds * rng.uniform(0.3, 1) + 1.2);
      choice = rng.weighted(input.menu, input.menu.map((m) => m.weight));
      log('GetUserInput', BLOCK.menu, menuParams, { Results: choice.digit });
      break;
    }
    quick();
    const timedOut = entries[entries.length - 1].Results === 'Timeout';
    setAttr(BLOCK.attempts, 'menuAttempts', String(attempt));
    if (attempt === MAX_MENU_ATTEMPTS) {
      log('CheckAttribute', BLOCK.checkAttempts, { ComparisonMethod: 'Equals', Value: String(attempt), SecondValue: String(MAX_MENU_ATTEMPTS) }, { Results: String(MAX_MENU_ATTEMPTS) });
      speak(2.8);
      log('PlayPrompt', BLOCK.maxAttempts, P.maxAttempts);
      choice = input.menu.find((m) => m.queue === input.generalQueue) ?? { digit: '0', queue: input.generalQueue, weight: 0 };
      break;
    }
    log('CheckAttribute', BLOCK.checkAttempts, { ComparisonMethod: 'Equals', Value: String(attempt), SecondValue: String(MAX_MENU_ATTEMPTS) }, { Results: 'NoMatchingCondition' });
    speak(2.4);
    log('PlayPrompt', timedOut ? BLOCK.noInput : BLOCK.invalid, timedOut ? P.noInput : P.invalid);
    // Callers who already failed once often give up; the fixture's CTR-04 caller hangs up during the next prompt.
    if (rng.chance(0.3)) {
      quick();
      log('GetUserInput', BLOCK.menu, menuParams);
      return { entries, attributes, outcome: { kind: 'hangup', at: t + rng.int(1500, 9000) } };
    }
    quick();
  }
  const target = (choice as MenuOption).queue;
  quick();

  const selfServiceShare = 1 - input.menu.filter((m) => m.digit === '0').reduce((s, m) => s + m.weight, 0) / input.menu.reduce((s, m) => s + m.weight, 0);
  if (choice !== undefined && choice.digit !== '0' && attributes.menuAttempts !== String(MAX_MENU_ATTEMPTS)) {
    const subParams = P.subMenu;
    const selfService = rng.chance(Math.min(1, rates.ivrSelfService / Math.max(selfServiceShare, 0.05)));
    speak(selfService ? 4.5 : 3.2);
    log('GetUserInput', BLOCK.subMenu, subParams, { Results: selfService ? '1' : '2' });
    quick();
    if (selfService) {
      setAttr(BLOCK.callReason, 'selfService', 'true');
      t += rng.int(300, 1200);
      const balance = `${rng.int(0, 900)}.${String(rng.int(0, 99)).padStart(2, '0')}`;
      log('InvokeExternalResource', BLOCK.accountLambda, { FunctionArn: ACCOUNT_LAMBDA, TimeLimit: '3000', Parameters: { topic: target.name } }, { ExternalResults: { balance, status: 'ok' } });
      speak(7);
      log('PlayPrompt', BLOCK.accountPrompt, { Text: `Your current balance is $${balance}.`, TextToSpeechType: 'text' });
      if (rng.chance(0.4)) return { entries, attributes, outcome: { kind: 'selfService', at: t + rng.int(500, 3000), disconnectReason: 'CUSTOMER_DISCONNECT' } };
      speak(2.5);
      log('PlayPrompt', BLOCK.goodbye, P.goodbye);
      quick();
      log('Disconnect', BLOCK.disconnect, P.empty);
      return { entries, attributes, outcome: { kind: 'selfService', at: t + rng.int(100, 400), disconnectReason: 'CONTACT_FLOW_DISCONNECT' } };
    }
  }

  setAttr(BLOCK.callReason, 'callReason', target.name.toLowerCase());
  if (input.queueBusy(target) && rng.chance(rates.callback)) {
    speak(7);
    log('GetUserInput', BLOCK.callbackOffer, P.callbackOffer, { Results: '1' });
    quick();
    log('SetCallbackNumber', BLOCK.callbackNumber, P.callbackNumber);
    quick();
    attributes.callbackRequested = 'true';
    attributes.callbackNumberConfirmed = 'true';
    speak(3.5);
    log('PlayPrompt', BLOCK.callbackConfirm, P.callbackConfirm);
    quick();
    log('TransferToQueue', BLOCK.callbackQueue, P.callbackQueue);
    quick();
    log('Disconnect', BLOCK.disconnect, P.empty);
    return { entries, attributes, outcome: { kind: 'callback', at: t + rng.int(50, 300) } };
  }
  log('SetQueue', BLOCK.setQueue, { Queue: target.arn });
  quick();
  log('TransferToQueue', BLOCK.transfer, P.empty);
  return { entries, attributes, outcome: { kind: 'queue', queue: target, at: t + rng.int(100, 800) } };
}

/** The short inbound chat flow: pick a topic, set the queue, transfer. */
export function runChatFlow(contactId: string, startMs: number, rng: Prng, queue: QueueDef, topic: string): { entries: FlowLogEntry[]; enqueueAt: number } {
  let t = startMs + rng.int(100, 400);
  const entries: FlowLogEntry[] = [];
  const log = (type: string, id: string, parameters: Record<string, unknown>): void => {
    entries.push({ ContactId: contactId, ContactFlowId: CHAT_FLOW_ARN, ContactFlowName: CHAT_FLOW_NAME, ContactFlowModuleType: type, Identifier: id, Timestamp: new Date(t).toISOString(), Parameters: parameters });
    t += rng.int(20, 150);
  };
  log('SetLoggingBehavior', BLOCK.chatLogging, { LoggingBehavior: 'Enable' });
  log('SetAttributes', BLOCK.chatTopic, { Key: 'chatTopic', Value: topic });
  log('SetQueue', BLOCK.chatQueue, { Queue: queue.arn });
  log('TransferToQueue', BLOCK.chatTransfer, {});
  return { entries, enqueueAt: t + rng.int(50, 400) };
}
