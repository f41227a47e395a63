import { brokerOrderKey, isOrderId, makeOrderId, orderIdFromRemark, statusEventId } from './ids.js';

describe('order ids', () => {
  const id = makeOrderId(1_764_000_000_000, [0, 1, 2, 3, 4, 5, 6, 7, 8, 31]);

  it('fits the broker remark limit and is recognised back', () => {
    expect(id).toHaveLength(19);
    expect(isOrderId(id)).toBe(true);
    expect(orderIdFromRemark(` ${id} `)).toBe(id);
    expect(orderIdFromRemark('manual order')).toBeUndefined();
  });

  it('sorts by creation time', () => {
    const later = makeOrderId(1_764_000_000_001, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(later > id).toBe(true);
  });

  it('refuses bad randomness', () => {
    expect(() => makeOrderId(1, [1, 2])).toThrow(RangeError);
  });

  it('keys broker orders by remark, then sysid, then client id', () => {
    expect(brokerOrderKey(id, '123', 9)).toBe(id);
    expect(brokerOrderKey('', '123', 9)).toBe('sys-123');
    expect(brokerOrderKey('', '', 9)).toBe('oid-9');
    expect(statusEventId('SIM-STOCK', id, 56, 100)).toBe(`st:SIM-STOCK:${id}:56:100`);
  });
});
