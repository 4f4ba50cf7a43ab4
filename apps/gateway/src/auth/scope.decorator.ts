// The route metadata lives in libs/runtime so every app's guard reads the same markers.
export { Public, RequireScope, Scopes } from '@buddie/runtime';
