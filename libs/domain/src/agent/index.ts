export * from './agent-event.model';
export * from './agent-view.model';
export * from './agent-view.evolve';
export * from './agent-alert.model';
export * from './agent-alert-rules.validate';
export * from './agent-alert.evaluate';
export * from './board-activity.derive';
export * from './agent-monitor.plan';
