/** REDIS_URL in the configuration: optional, validated without echoing (it may hold a password), and scrubbed from logs. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretValues } from '../../src/config/config.js';

const base = { AUTOTASK_DEMO: 'true' };

describe('REDIS_URL', () => {
  it('is off by default: everything stays in this process', () => {
    expect(loadConfig(base).redisUrl).toBeNull();
  });

  it('accepts redis:// and rediss://, and its password counts as a secret', () => {
    const c = loadConfig({ ...base, REDIS_URL: 'rediss://:s3cr%2Ft-pass@redis.internal:6380/2' });
    expect(c.redisUrl).toBe('rediss://:s3cr%2Ft-pass@redis.internal:6380/2');
    expect(secretValues(c)).toEqual(expect.arrayContaining(['s3cr/t-pass', 'rediss://:s3cr%2Ft-pass@redis.internal:6380/2']));
  });

  it('refuses another scheme without repeating the value', () => {
    let err: unknown;
    try {
      loadConfig({ ...base, REDIS_URL: 'http://:hunter2-pass@redis:6379' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(String((err as Error).message)).toMatch(/REDIS_URL must look like redis:\/\//);
    expect(String((err as Error).message)).not.toContain('hunter2');
  });
});
