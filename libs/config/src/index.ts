export * from './config.loader';
export * from './buddie.config';
export * from './resource-names';
export * from './aws-client-config';
