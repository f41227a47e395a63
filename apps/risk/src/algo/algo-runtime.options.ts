/** Tuning of the algo runtime (wall-clock milliseconds); the defaults suit real time. */
export interface AlgoRuntimeOptions {
  /** How long a bucket job waits for the previous children's cancels before it plans. */
  readonly settleMs: number;
  /** Pause between looks of a finishing parent that still has a working child. */
  readonly finishRetryMs: number;
  /** Looks before a finishing parent gives up waiting (its state then stays CANCELLING). */
  readonly finishAttempts: number;
  /** Bucket jobs run at once. */
  readonly concurrency: number;
  /** Days of 1-minute bars a VWAP profile is built from. */
  readonly profileDays: number;
}

export const ALGO_RUNTIME_OPTIONS = Symbol('ALGO_RUNTIME_OPTIONS');
/** Optional token a composition root provides (globally) to tune the runtime. */
export const ALGO_RUNTIME_OVERRIDES = Symbol('ALGO_RUNTIME_OVERRIDES');

export const DEFAULT_ALGO_RUNTIME_OPTIONS: AlgoRuntimeOptions = {
  settleMs: 1_500,
  finishRetryMs: 250,
  finishAttempts: 240,
  concurrency: 32,
  profileDays: 5,
};
