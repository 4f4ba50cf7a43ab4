export * from './dto';
export * from './contact.mapper';
export * from './summary.mapper';
export * from './agent.mapper';
export * from './journey.mapper';
export * from './escalation.mapper';
export * from './sync-status.mapper';
export * from './live-event.mapper';
