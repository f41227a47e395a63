/**
 * Remarks this connector knows are at the broker, with the broker's order id once known: every
 * order the broker reported (pushes and the reconcile of each connect) and every place this
 * process sent. It lets the worker's look-up-before-place skip the broker query for jobs taken
 * after the last reconcile, which only this process can have sent; older jobs (possibly sent
 * by a process that died, or before a disconnect) are still looked up at the broker.
 */
export class RemarkIndex {
  private readonly orders = new Map<string, number | null>();

  remember(remark: string, brokerOrderId: number | null = null): void {
    if (remark === '') {
      return;
    }
    const known = this.orders.get(remark);
    if (known === undefined || known === null) {
      this.orders.set(remark, brokerOrderId !== null && brokerOrderId > 0 ? brokerOrderId : null);
    }
  }

  /** A place that reached nothing after all (-1 and not at the broker). */
  forget(remark: string): void {
    if (this.orders.get(remark) === null) {
      this.orders.delete(remark);
    }
  }

  /** undefined: unknown; null: sent, id not known yet; a number: the broker's order id. */
  lookup(remark: string): number | null | undefined {
    return this.orders.get(remark);
  }

  get size(): number {
    return this.orders.size;
  }
}
