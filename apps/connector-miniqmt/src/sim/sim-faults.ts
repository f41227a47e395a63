/**
 * Faults the simulated terminal can be told to show (POST /v1/sim/faults), each one a miniQMT
 * behaviour seen in the field (anchors.md §5, xtquant-api §5). Rates are probabilities per
 * call or per callback, drawn from a seeded generator so a failing test replays.
 */
export interface SimFaults {
  /** Orders the counter rejects at random (57 with `rejectReason`). */
  readonly rejectRate: number;
  readonly rejectReason: string;
  /** Callbacks delivered twice (a bridge's double registration, a server re-push). */
  readonly duplicateRate: number;
  /** A trade is delivered before the order updates still queued for its order. */
  readonly tradeBeforeOrder: boolean;
  /** An order event is delivered before the async response of its place. */
  readonly orderBeforeAsyncResponse: boolean;
  /** Async responses (place and cancel) that never arrive. */
  readonly lostAsyncResponseRate: number;
  /** Place calls that answer -1 although the order went to the counter and lives. */
  readonly placeMinusOneRate: number;
  /** Cancel calls and responses that report the opposite of what the counter did. */
  readonly cancelLies: boolean;
  /** Every order echo carries this price_type instead of the broker enum (null: the enum). */
  readonly priceTypeEcho: number | null;
  /** Order pushes carrying an undocumented status (255) before the real one. */
  readonly unknownStatusRate: number;
  /** The next connect reuses the last session id, which the terminal still holds: refused. */
  readonly lingeringSession: boolean;
  /** A place reusing a remark is answered with the earlier order's id. */
  readonly reusedRemarkAnswersOldId: boolean;
  /** A place call returns only after this long (sim ms), its order already live (§3.5). */
  readonly placeHangMs: number;
}

export const NO_FAULTS: SimFaults = {
  rejectRate: 0,
  rejectReason: '[COUNTER][-990][模拟柜台随机拒单]',
  duplicateRate: 0,
  tradeBeforeOrder: false,
  orderBeforeAsyncResponse: false,
  lostAsyncResponseRate: 0,
  placeMinusOneRate: 0,
  cancelLies: false,
  priceTypeEcho: null,
  unknownStatusRate: 0,
  lingeringSession: false,
  placeHangMs: 0,
  reusedRemarkAnswersOldId: false,
};

/** mulberry32: small, fast, seeded; good enough to pick which callback a fault hits. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
