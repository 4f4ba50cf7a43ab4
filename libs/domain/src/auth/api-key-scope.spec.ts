import { defaultScopeFor, isApiKeyScope, normalizeScopes, scopesGrant } from './api-key-scope';

describe('API key scopes', () => {
  it('given the ranked scopes, then admin covers write covers read, never the other way', () => {
    expect(scopesGrant(['admin'], 'write')).toBe(true);
    expect(scopesGrant(['write'], 'read')).toBe(true);
    expect(scopesGrant(['read'], 'write')).toBe(false);
    expect(scopesGrant(['write'], 'admin')).toBe(false);
  });

  it('given ingest and pii, then only an explicit grant covers them', () => {
    expect(scopesGrant(['admin'], 'ingest')).toBe(false);
    expect(scopesGrant(['admin'], 'pii')).toBe(false);
    expect(scopesGrant(['ingest'], 'read')).toBe(false);
    expect(scopesGrant(['pii'], 'read')).toBe(false);
    expect(scopesGrant(['read', 'pii'], 'pii')).toBe(true);
    expect(scopesGrant(['ingest'], 'ingest')).toBe(true);
  });

  it('given a method, then safe methods default to read and the rest to write', () => {
    expect(defaultScopeFor('GET')).toBe('read');
    expect(defaultScopeFor('head')).toBe('read');
    expect(defaultScopeFor('DELETE')).toBe('write');
    expect(defaultScopeFor('POST')).toBe('write');
  });

  it('given scope lists, then they are validated, sorted and de-duplicated', () => {
    expect(isApiKeyScope('pii')).toBe(true);
    expect(isApiKeyScope('root')).toBe(false);
    expect(normalizeScopes(['pii', 'read', 'pii'])).toEqual(['read', 'pii']);
  });
});
