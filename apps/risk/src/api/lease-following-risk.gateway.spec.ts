// The OMS's router over several leased risk instances: a refusal naming the owner sends the call
// there, the account is remembered at its owner, and a refusal naming nobody (or a loop) is the
// answer. The instances are in-memory stand-ins; the real ones over gRPC are in the e2e test.
import {
  RiskGateway,
  type CancelRequest,
  type LimitsView,
  type RiskCheckRequest,
  type RiskDecision,
  type SetKillSwitchResult,
  type SetLimitsResult,
} from '@qmt/contracts';
import {
  LeaseFollowingRiskGateway,
  ownerNamedBy,
  type AddressedRiskGateway,
  type RiskInstanceDirectory,
} from './lease-following-risk.gateway.js';

const request = (accountId: string): RiskCheckRequest => ({
  orderId: 'O-1',
  accountId,
  strategyId: 'alpha',
  symbol: '000001.SZ',
  side: 'BUY',
  orderType: 23,
  priceType: 11,
  price: 115_000,
  quantity: 100,
});

const notOwned = (owner: string): RiskDecision => ({
  approved: false,
  rejection: {
    rule: 'CONNECTOR_UNAVAILABLE',
    message: 'account is owned by another risk instance',
    details: { reason: 'ACCOUNT_NOT_OWNED', owner, instance: 'x' },
  },
});

/** A risk instance at one address: owns some accounts, refuses the rest naming `owners`. */
class StandInInstance extends RiskGateway {
  /** Unreachable: every call fails as gRPC does when nothing listens. */
  down = false;

  constructor(
    private readonly address: string,
    readonly owned: string[],
    private readonly owners: Readonly<Record<string, string>>,
    private readonly calls: string[],
  ) {
    super();
  }

  check(r: RiskCheckRequest): Promise<RiskDecision> {
    return this.answer(r.accountId);
  }

  requestCancel(r: CancelRequest): Promise<RiskDecision> {
    return this.answer(r.accountId);
  }

  startAlgo(): Promise<RiskDecision> {
    return this.answer(null);
  }

  controlAlgo(): Promise<RiskDecision> {
    return this.answer(null);
  }

  getLimits(): Promise<LimitsView> {
    return Promise.resolve({ document: { at: this.address }, version: 1 });
  }

  setLimits(): Promise<SetLimitsResult> {
    return Promise.resolve({ ok: false, errors: [] });
  }

  setKillSwitch(): Promise<SetKillSwitchResult> {
    return Promise.resolve({ ok: false, errors: [] });
  }

  close(): void {}

  private answer(accountId: string | null): Promise<RiskDecision> {
    this.calls.push(this.address);
    if (this.down) {
      return Promise.reject(new Error('14 UNAVAILABLE: no connection established'));
    }
    return Promise.resolve(
      accountId === null || this.owned.includes(accountId)
        ? { approved: true }
        : notOwned(this.owners[accountId] ?? ''),
    );
  }
}

describe('LeaseFollowingRiskGateway', () => {
  const addresses: Record<string, string> = { 'risk-a': 'a:1', 'risk-b': 'b:1' };
  /** The lease holders in Redis. */
  const leases: Record<string, string> = {};
  const directory: RiskInstanceDirectory = {
    addressOf: (id) => Promise.resolve(addresses[id] ?? null),
    ownerOf: (accountId) => Promise.resolve(leases[accountId] ?? null),
    close: () => Promise.resolve(),
  };

  afterEach(() => {
    for (const account of Object.keys(leases)) {
      delete leases[account];
    }
  });

  function router(owners: Record<string, string>, calls: string[]) {
    const instances: Record<string, AddressedRiskGateway> = {
      'a:1': new StandInInstance('a:1', ['ACC-A'], owners, calls),
      'b:1': new StandInInstance('b:1', ['ACC-B'], owners, calls),
    };
    return new LeaseFollowingRiskGateway('a:1', directory, (address) => {
      const found = instances[address];
      if (found === undefined) {
        throw new Error(`no instance at ${address}`);
      }
      return found;
    });
  }

  it('sends a check refused by a non-owner to the owner it names, and remembers the owner', async () => {
    const calls: string[] = [];
    const gateway = router({ 'ACC-B': 'risk-b' }, calls);
    expect(await gateway.check(request('ACC-B'))).toEqual({ approved: true });
    expect(calls).toEqual(['a:1', 'b:1']);
    expect(await gateway.check(request('ACC-B'))).toEqual({ approved: true });
    expect(calls).toEqual(['a:1', 'b:1', 'b:1']);
    expect(await gateway.check(request('ACC-A'))).toEqual({ approved: true });
    expect(calls.at(-1)).toBe('a:1');
  });

  it('finds the owner in the lease when the refusing instance does not know it', async () => {
    const calls: string[] = [];
    const gateway = router({}, calls);
    leases['ACC-B'] = 'risk-b';
    expect(await gateway.check(request('ACC-B'))).toEqual({ approved: true });
    expect(calls).toEqual(['a:1', 'b:1']);
  });

  it('answers the refusal when nobody holds the lease, the owner has no address, or on a loop', async () => {
    const calls: string[] = [];
    const nobody = router({}, calls);
    expect(ownerNamedBy(await nobody.check(request('ACC-C')))).toBeNull();
    expect(calls).toEqual(['a:1']);

    const unknown = router({ 'ACC-C': 'risk-z' }, []);
    expect(ownerNamedBy(await unknown.check(request('ACC-C')))).toBe('risk-z');

    // a names b, b names a: two calls, then b's refusal is the answer.
    const looping: string[] = [];
    const loop = router({ 'ACC-C': 'risk-b' }, looping);
    const answer = await loop.requestCancel({
      orderId: 'O-1',
      accountId: 'ACC-C',
      strategyId: 'alpha',
      brokerOrderId: null,
    });
    expect(answer.approved).toBe(false);
    expect(looping).toEqual(['a:1', 'b:1']);
  });

  it('forgets an owner that cannot be reached, so the retry starts from the configured instance', async () => {
    const calls: string[] = [];
    const owners: Record<string, string> = { 'ACC-B': 'risk-b' };
    const a = new StandInInstance('a:1', ['ACC-A'], owners, calls);
    const b = new StandInInstance('b:1', ['ACC-B'], owners, calls);
    const gateway = new LeaseFollowingRiskGateway('a:1', directory, (address) =>
      address === 'a:1' ? a : b,
    );
    expect((await gateway.check(request('ACC-B'))).approved).toBe(true);
    b.down = true;
    await expect(gateway.check(request('ACC-B'))).rejects.toThrow('UNAVAILABLE');
    // risk-a takes the account over; the next call goes to it first.
    a.owned.push('ACC-B');
    calls.length = 0;
    expect((await gateway.check(request('ACC-B'))).approved).toBe(true);
    expect(calls).toEqual(['a:1']);
  });

  it('sends limits to the configured instance', async () => {
    const gateway = router({}, []);
    expect((await gateway.getLimits()).document).toEqual({ at: 'a:1' });
  });

  it('reads an approval or any other refusal as naming no owner', () => {
    expect(ownerNamedBy({ approved: true })).toBeNull();
    expect(
      ownerNamedBy({
        approved: false,
        rejection: { rule: 'ORDER_RATE', message: 'too fast', details: { owner: 'risk-b' } },
      }),
    ).toBeNull();
    expect(ownerNamedBy(notOwned(''))).toBeNull();
    expect(ownerNamedBy(notOwned('risk-b'))).toBe('risk-b');
  });
});
