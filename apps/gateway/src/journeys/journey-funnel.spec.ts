import { journeyFunnel } from './journey-funnel';

describe('journey funnel', () => {
  it('given journeys with loops and failures, then the funnel counts each step once per journey', () => {
    const funnel = journeyFunnel([
      { steps: [{ label: 'Welcome', status: 'ok' }, { label: 'Menu', status: 'ok' }, { label: 'Menu', status: 'ok' }, { label: 'Billing', status: 'error' }] },
      { steps: [{ label: 'Welcome', status: 'ok' }, { label: 'Menu', status: 'ok' }] },
    ]);
    expect(funnel).toEqual([
      { step: 'Welcome', contacts: 2, share: 1, failures: 0 },
      { step: 'Menu', contacts: 2, share: 1, failures: 0 },
      { step: 'Billing', contacts: 1, share: 0.5, failures: 1 },
    ]);
  });
});
