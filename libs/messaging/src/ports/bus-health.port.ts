/** Readiness of the bus behind the ports (Redis, or the in-process bus). */
export abstract class BusHealth {
  abstract isReady(): Promise<boolean>;
  /** Human name of the adapters in use, for logs and /health. */
  abstract describe(): string;
}
