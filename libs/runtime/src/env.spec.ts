import { EnvError, parseEnv } from './env.js';

describe('the gateway environment', () => {
  it('leaves the ingest loops to each app unless OMS_INGEST_LOOPS says otherwise', () => {
    expect(parseEnv({}).OMS_INGEST_LOOPS).toBeUndefined();
    expect(parseEnv({ OMS_INGEST_LOOPS: '2' }).OMS_INGEST_LOOPS).toBe(2);
  });

  it.each(['0', '17', '2.5', 'many'])('refuses OMS_INGEST_LOOPS=%s, naming it', (value) => {
    expect(() => parseEnv({ OMS_INGEST_LOOPS: value })).toThrow(EnvError);
    expect(() => parseEnv({ OMS_INGEST_LOOPS: value })).toThrow(/OMS_INGEST_LOOPS/);
  });
});
