/**
 * What customers call about. Each scenario gives the lines a transcript is assembled from; `{slots}` are filled per
 * contact so that no two transcripts read the same. Queues map to categories so a caller who pressed "billing" talks
 * about billing.
 */
export type ScenarioCategory = 'billing' | 'orders' | 'tech' | 'general';
export type Mood = 'calm' | 'annoyed' | 'angry';

export interface Scenario {
  readonly key: string;
  readonly title: string;
  readonly category: ScenarioCategory;
  readonly mood: Mood;
  /** Mean talk time in seconds (voice); chats run about twice as long. */
  readonly meanTalkSeconds: number;
  readonly openers: readonly string[];
  readonly details: readonly string[];
  readonly agentProbes: readonly string[];
  readonly resolutions: readonly string[];
  readonly unresolved: readonly string[];
  /** Chance the agent can resolve it on this contact. */
  readonly resolveRate: number;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'billing-dispute',
    title: 'Billing dispute',
    category: 'billing',
    mood: 'annoyed',
    meanTalkSeconds: 330,
    openers: [
      "Hi, I'm looking at my bill and there's a charge of {amount} that I don't recognize.",
      'Yeah, hello. My last invoice is way higher than usual, it says {amount} and I never agreed to that.',
      "I'm calling because I was billed {amount} on the {date} and I think it's a mistake.",
    ],
    details: [
      'I checked my statement twice, it just says service adjustment.',
      "I've been a customer for {years} years and this has never happened before.",
      'Nobody told me the price was going up.',
    ],
    agentProbes: [
      'Let me pull up the invoice from the {date}. I can see the {amount} line here.',
      'I see it, that looks like a plan adjustment that was applied on the {date}.',
    ],
    resolutions: [
      "I've reversed the {amount} charge; you'll see the credit on your next statement within {days} business days.",
      "That adjustment shouldn't have applied to your plan, so I've issued a refund of {amount}.",
    ],
    unresolved: [
      "I'm not able to reverse that charge myself, but I've opened a dispute, reference {ref}, and billing will call you within {days} days.",
    ],
    resolveRate: 0.7,
  },
  {
    key: 'double-charge',
    title: 'Charged twice',
    category: 'billing',
    mood: 'angry',
    meanTalkSeconds: 290,
    openers: [
      'You charged my card twice for the same order, {amount} two times. I want my money back.',
      "I'm really frustrated, there are two identical payments of {amount} on my account.",
    ],
    details: ['This is the second time I have to call about this.', 'My bank says both payments went through on the {date}.'],
    agentProbes: ['I do see two payments of {amount} on the {date}. One of them is a duplicate.', 'Let me check the payment history. Yes, I can confirm the duplicate.'],
    resolutions: ["I've refunded the duplicate payment of {amount}; it takes {days} business days to reach your card."],
    unresolved: ['The second payment is still pending, so I cannot refund it yet. Once it settles it will drop off automatically, and I have noted the account, reference {ref}.'],
    resolveRate: 0.8,
  },
  {
    key: 'refund-request',
    title: 'Refund request',
    category: 'billing',
    mood: 'calm',
    meanTalkSeconds: 260,
    openers: ["Hi, I returned an item last week and I haven't seen the refund of {amount} yet.", "Hello, I'd like to check on a refund for {amount}."],
    details: ['I shipped it back on the {date} with the prepaid label.', 'The tracking says it was delivered to your warehouse.'],
    agentProbes: ['I can see the return was received on the {date}.', 'Let me look at the return. It was checked in, the refund is queued.'],
    resolutions: ['The refund of {amount} was issued today, you should see it in {days} business days.'],
    unresolved: ['The refund is waiting for inspection; I have escalated it, reference {ref}, and you will get an email when it is done.'],
    resolveRate: 0.75,
  },
  {
    key: 'cancellation',
    title: 'Cancellation request',
    category: 'general',
    mood: 'annoyed',
    meanTalkSeconds: 360,
    openers: ['I want to cancel my subscription, please.', "Hi, I'd like to close my account. It's just too expensive now.", "I'm calling to cancel. I found a better deal elsewhere."],
    details: ['The price went up to {amount} a month and that is too much for me.', "I've been thinking about it for a while, I just don't use it enough."],
    agentProbes: ["I'm sorry to hear that. Before I process it, can I offer you our loyalty discount of twenty percent for {months} months?", 'I understand. Let me see what options I have for you.'],
    resolutions: ["Okay, I've applied the discount, your new price is {amount} a month starting next cycle.", "I've cancelled the subscription effective the end of this billing period, the {date}. You'll get a confirmation email."],
    unresolved: ["I can't cancel a contract plan before the {date} without a fee; I've sent you the details by email, reference {ref}."],
    resolveRate: 0.8,
  },
  {
    key: 'password-reset',
    title: 'Password reset',
    category: 'tech',
    mood: 'calm',
    meanTalkSeconds: 200,
    openers: ["Hi, I can't log in to my account, it keeps saying my password is wrong.", "Hello, I'm locked out of the app after too many attempts.", 'I never got the password reset email.'],
    details: ['I tried the forgot password link three times.', 'I changed phones last week, maybe that is why.'],
    agentProbes: ['I can see the account was locked after five failed attempts.', 'The reset emails are going to an old address, let me check.'],
    resolutions: ["I've unlocked the account and sent a new reset link, it's valid for {minutes} minutes.", "I've updated the email on file and the reset link is on its way."],
    unresolved: ['For security I need you to verify with a code sent to the phone on file; since that number is no longer yours, I have opened a verification request, reference {ref}.'],
    resolveRate: 0.9,
  },
  {
    key: 'app-crash',
    title: 'App keeps crashing',
    category: 'tech',
    mood: 'annoyed',
    meanTalkSeconds: 380,
    openers: ['Your app crashes every time I open the payments screen.', 'Since the last update the app just closes on me.'],
    details: ["I'm on the latest version, I checked.", "I already reinstalled it, didn't help."],
    agentProbes: ['Can you tell me which phone model and version you have?', "Thanks. We're aware of an issue with that screen on some devices."],
    resolutions: ['If you clear the app cache and sign in again it should work; a fix ships in the next update.'],
    unresolved: ["I've logged this with our engineering team, reference {ref}. In the meantime you can use the website for payments."],
    resolveRate: 0.55,
  },
  {
    key: 'delivery-problem',
    title: 'Delivery problem',
    category: 'orders',
    mood: 'annoyed',
    meanTalkSeconds: 300,
    openers: ["My order {order} was supposed to arrive on the {date} and it still isn't here.", "The tracking says delivered, but there's no package.", 'I got the box but the item inside is damaged.'],
    details: ["I've checked with my neighbours and the front desk.", 'I needed this for a birthday this weekend.'],
    agentProbes: ['Let me look up order {order}. I see the carrier marked it delivered on the {date}.', 'I can see the shipment was delayed at the depot.'],
    resolutions: ["I've sent a replacement with express shipping, it will arrive by the {date}, at no cost.", "I've issued a full refund of {amount} for the order."],
    unresolved: ["I've opened a trace with the carrier, reference {ref}; they take up to {days} business days to respond."],
    resolveRate: 0.7,
  },
  {
    key: 'order-status',
    title: 'Order status',
    category: 'orders',
    mood: 'calm',
    meanTalkSeconds: 170,
    openers: ["Hi, I'm just checking on my order {order}.", 'Hello, can you tell me when my order will ship?'],
    details: ['I ordered it on the {date}.', 'The website just says processing.'],
    agentProbes: ['Order {order} is packed and waiting for pickup.', 'I can see it shipped this morning.'],
    resolutions: ["It'll be delivered by the {date}, and I've sent the tracking link to your email."],
    unresolved: ['One item is on backorder, so the order is held until the {date}; I can split it if you like, reference {ref}.'],
    resolveRate: 0.9,
  },
  {
    key: 'complaint',
    title: 'Service complaint',
    category: 'general',
    mood: 'angry',
    meanTalkSeconds: 420,
    openers: [
      "I want to make a complaint. I've called three times and nobody has fixed my problem.",
      'Honestly this is the worst service I have ever had.',
      "I was promised a call back on the {date} and no one called. I'm fed up.",
    ],
    details: ['I waited on hold for forty minutes last time.', 'Every agent tells me something different.', 'I want to speak to a manager if this is not sorted today.'],
    agentProbes: ["I'm really sorry about that experience. Let me read the notes from your previous calls.", 'I completely understand your frustration, let me see what happened.'],
    resolutions: ["I've fixed the issue on the account and added a credit of {amount} for the trouble. I'll also follow up personally on the {date}."],
    unresolved: ["I've escalated this as a formal complaint, reference {ref}; a supervisor will contact you within {days} business days."],
    resolveRate: 0.5,
  },
  {
    key: 'address-change',
    title: 'Address change',
    category: 'general',
    mood: 'calm',
    meanTalkSeconds: 180,
    openers: ["Hi, I've moved and need to update my address.", 'Hello, I want to change the delivery address on my account.'],
    details: ['The move was on the {date}.', 'Can you also update it for the order that is on the way?'],
    agentProbes: ['Sure, what is the new address?', 'No problem, I can do that for you.'],
    resolutions: ["All set, the new address is on the account and I've redirected the open order as well."],
    unresolved: ['The open order has already shipped so I cannot redirect it, but the account is updated; reference {ref}.'],
    resolveRate: 0.95,
  },
  {
    key: 'payment-failed',
    title: 'Payment failed',
    category: 'billing',
    mood: 'annoyed',
    meanTalkSeconds: 240,
    openers: ['My automatic payment failed and now there is a late fee of {amount}.', "I tried to pay my bill online and it keeps declining my card."],
    details: ['The card works everywhere else.', 'I updated the card last month.'],
    agentProbes: ['I see the payment on the {date} was declined because the card on file expired.', 'Let me check the payment method on the account.'],
    resolutions: ["I've updated the card, taken the payment and waived the late fee of {amount}."],
    unresolved: ['The payment processor is having an outage right now; I have waived the fee, and please try again after the {date}, reference {ref}.'],
    resolveRate: 0.85,
  },
];

export function scenariosFor(category: ScenarioCategory): readonly Scenario[] {
  const list = SCENARIOS.filter((s) => s.category === category);
  return list.length > 0 ? list : SCENARIOS;
}

/** Maps a queue name to what its callers talk about. */
export function categoryForQueue(queueName: string): ScenarioCategory {
  const n = queueName.toLowerCase();
  if (n.includes('bill')) return 'billing';
  if (n.includes('order') || n.includes('sales')) return 'orders';
  if (n.includes('tech') || n.includes('support')) return 'tech';
  return 'general';
}
