export * from './principal';
export * from './auth.decorators';
export * from './api-key.verifier';
export * from './rate-limiter';
export * from './route-auth.guard';
