import { journeyFunnel } from './journey-funnel';

describe('journey funnel', () => {
  it('given journeys with loops and failures, then the funnel counts each step once per journey', () => {
    const funnel = journeyFunnel([
      { steps: [{ label: 'Welcome' }, { label: 'Menu' }, { label: 'Menu' }, { label: 'Billing', failed: true }] },
      { steps: [{ label: 'Welcome' }, { label: 'Menu' }] },
    ]);
    expect(funnel).toEqual([
      { step: 'Welcome', contacts: 2, share: 1, failures: 0 },
      { step: 'Menu', contacts: 2, share: 1, failures: 0 },
      { step: 'Billing', contacts: 1, share: 0.5, failures: 1 },
    ]);
  });
});
