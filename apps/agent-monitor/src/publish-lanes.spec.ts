import { PublishLanes } from './publish-lanes';

interface Item {
  agent: string;
  events: string[];
}

/** A send port whose calls the test completes (or fails) one at a time. */
function manualSend() {
  const calls: { items: Item[]; resolve(): void; reject(error: Error): void }[] = [];
  const send = (items: Item[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ items, resolve, reject });
    });
  return { calls, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const item = (agent: string, count = 1): Item => ({ agent, events: Array.from({ length: count }, (_, i) => `${agent}-${i + 1}`) });
const agentsOf = (items: Item[]) => items.map((i) => i.agent);

describe('PublishLanes', () => {
  it('given idle lanes, when an item is offered, then it is sent at once, before any later item is offered', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 2, batch: 10, size: (i) => i.events.length, send: port.send });

    lanes.offer(item('a'));

    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a']]);
    port.calls[0].resolve();
    await lanes.settle();
  });

  it('given a group offered at once, then its items share one send up to the batch size, and the rest goes out at once on the next lane, in order', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 4, batch: 10, size: (i) => i.events.length, send: port.send });

    lanes.offer(item('a', 4), item('b', 4), item('c', 4), item('e', 6), item('f', 1));
    lanes.offer(item('d'));

    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a', 'b'], ['c', 'e'], ['f'], ['d']]);
    for (const call of port.calls) call.resolve();
    await lanes.settle();
  });

  it('given more runs than lanes, then a lane sends its next run after its first, each in one send', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 2, batch: 2, size: (i) => i.events.length, send: port.send });

    lanes.offer(item('a'), item('b'), item('c'), item('d'), item('e'));

    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a', 'b'], ['c', 'd']]);
    port.calls[0].resolve();
    await flush();
    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    port.calls[1].resolve();
    port.calls[2].resolve();
    await lanes.settle();
  });

  it('given a lane busy with a send, when more items queue on it, then the next send takes them together up to the batch size, in offer order', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 1, batch: 10, size: (i) => i.events.length, send: port.send });

    lanes.offer(item('a'));
    lanes.offer(item('b', 4));
    lanes.offer(item('c', 6));
    lanes.offer(item('d', 3));
    port.calls[0].resolve();
    await flush();

    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a'], ['b', 'c']]);
    port.calls[1].resolve();
    await flush();
    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a'], ['b', 'c'], ['d']]);
    port.calls[2].resolve();
    await lanes.settle();
  });

  it('given two lanes, when four items are offered, then they alternate lanes and both lanes send side by side', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 2, batch: 10, size: (i) => i.events.length, send: port.send });

    for (const agent of ['a', 'b', 'c', 'd']) lanes.offer(item(agent));

    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a'], ['b']]);
    port.calls[0].resolve();
    port.calls[1].resolve();
    await flush();
    expect(port.calls.map((call) => agentsOf(call.items)).slice(2)).toEqual([['c'], ['d']]);
    port.calls[2].resolve();
    port.calls[3].resolve();
    await lanes.settle();
  });

  it('given an item larger than the batch, then it is sent alone and whole (the publisher splits it, in order)', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 1, batch: 10, size: (i) => i.events.length, send: port.send });

    lanes.offer(item('a'));
    lanes.offer(item('big', 14));
    lanes.offer(item('c'));
    port.calls[0].resolve();
    await flush();

    expect(port.calls[1].items.map((i) => i.events.length)).toEqual([14]);
    port.calls[1].resolve();
    await flush();
    port.calls[2].resolve();
    await lanes.settle();
    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a'], ['big'], ['c']]);
  });

  it('given a send that fails, then that lane stops (what queued behind it is not sent), the other lane goes on, and settle rejects with the failure', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 2, batch: 1, size: (i) => i.events.length, send: port.send });

    for (const agent of ['a', 'b', 'c', 'd']) lanes.offer(item(agent));
    port.calls[0].reject(new Error('PutEvents down'));
    port.calls[1].resolve();
    await flush();
    lanes.offer(item('e'));
    const settled = lanes.settle();
    port.calls[2].resolve();

    await expect(settled).rejects.toThrow('PutEvents down');
    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a'], ['b'], ['d']]);
  });

  it('given a lane that went idle, when a later item lands on it, then it starts again', async () => {
    const port = manualSend();
    const lanes = new PublishLanes<Item>({ lanes: 1, batch: 10, size: (i) => i.events.length, send: port.send });

    lanes.offer(item('a'));
    port.calls[0].resolve();
    await flush();
    lanes.offer(item('b'));

    expect(port.calls.map((call) => agentsOf(call.items))).toEqual([['a'], ['b']]);
    port.calls[1].resolve();
    await lanes.settle();
  });
});
