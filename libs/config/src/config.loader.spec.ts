import { ConfigError, IngestionConfig, loadConfig } from '@buddie/config';

describe('loadConfig', () => {
  it('given an empty environment, when loaded, then local-mode defaults apply', () => {
    const config = loadConfig(IngestionConfig, {});
    expect(config.BUDDIE_MODE).toBe('local');
    expect(config.AWS_REGION).toBe('us-east-1');
    expect(config.MAX_RECEIVE_COUNT).toBe(5);
    expect(config.CREATE_RESOURCES).toBe(false);
  });

  it('given strings from the environment, when loaded, then numbers and booleans are converted', () => {
    const config = loadConfig(IngestionConfig, { PORT: '3001', CREATE_RESOURCES: 'true', MAX_RECEIVE_COUNT: '3' });
    expect(config.PORT).toBe(3001);
    expect(config.CREATE_RESOURCES).toBe(true);
    expect(config.MAX_RECEIVE_COUNT).toBe(3);
  });

  it('given several bad variables, when loaded, then one error names every one of them', () => {
    let error: unknown;
    try {
      loadConfig(IngestionConfig, {
        BUDDIE_MODE: 'cloud',
        AWS_REGION: 'mars',
        PORT: '99999',
        SQS_ENDPOINT: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['BUDDIE_MODE', 'AWS_REGION', 'PORT', 'SQS_ENDPOINT']) expect(problems).toContain(name);
    expect((error as ConfigError).message).toContain('Invalid configuration');
  });

  it('ignores variables the schema does not know', () => {
    expect(() => loadConfig(IngestionConfig, { SOMETHING_ELSE: '1' })).not.toThrow();
  });
});
