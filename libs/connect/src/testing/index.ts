// Test-only helpers, kept out of the main entry so production code never imports them.
export * from './shared-fixtures';
