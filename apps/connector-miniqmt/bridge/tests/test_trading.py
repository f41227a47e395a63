"""Orders, cancels, rejections, queries and xtdata through the bridge, against the fake."""

import unittest

from xtquant import xttrader

from .harness import ACCOUNT, BridgeHarness, Client, wait_connected

ORDER_FIELDS = {
    'account_type', 'account_id', 'stock_code', 'order_id', 'order_sysid', 'order_time',
    'order_type', 'order_volume', 'price_type', 'price', 'traded_volume', 'traded_price',
    'order_status', 'status_msg', 'strategy_name', 'order_remark', 'direction', 'offset_flag',
    'instrument_name', 'secu_account',
}
TRADE_FIELDS = {
    'account_type', 'account_id', 'stock_code', 'order_type', 'traded_id', 'traded_time',
    'traded_price', 'traded_volume', 'traded_amount', 'order_id', 'order_sysid',
    'strategy_name', 'order_remark', 'direction', 'offset_flag', 'commission',
    'instrument_name', 'secu_account',
}


class TradingTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness()
        self.addCleanup(self.harness.stop)
        self.client = Client(self.harness.port)
        self.addCleanup(self.client.close)
        self.client.hello()
        wait_connected(self.client)
        self.assertEqual(self.client.call('subscribe', ACCOUNT), 0)

    def place(self, code='600000.SH', order_type=23, volume=1000, price=10.5, remark='g1'):
        return self.client.call('order_stock_async', ACCOUNT, code, order_type, volume, 11,
                                price, 'strat-a', remark)

    def wait_status(self, status):
        return self.client.expect(lambda m: m.get('callback') == 'on_stock_order'
                                  and m['data']['order_status'] == status)

    def test_a_placed_order_pushes_its_callbacks_in_order(self):
        seq = self.place()
        self.client.expect(lambda m: m.get('callback') == 'on_stock_asset')
        events = self.client.events()
        self.assertEqual(
            [(e['callback'], e['data'].get('order_status')) for e in events],
            [('on_order_stock_async_response', None), ('on_stock_order', 48),
             ('on_stock_order', 50), ('on_stock_trade', None), ('on_stock_order', 56),
             ('on_stock_position', None), ('on_stock_asset', None)])
        response = events[0]['data']
        self.assertEqual(response['seq'], seq)
        self.assertEqual(response['order_remark'], 'g1')
        order_id = response['order_id']
        self.assertTrue(all(e['data'].get('order_id', order_id) == order_id for e in events))
        final = events[4]['data']
        self.assertEqual(set(final), ORDER_FIELDS)
        self.assertEqual((final['traded_volume'], final['traded_price'], final['price_type']),
                         (1000, 10.5, 50))
        self.assertEqual(final['order_sysid'], events[2]['data']['order_sysid'])
        self.assertEqual(events[1]['data']['order_sysid'], '')
        trade = events[3]['data']
        self.assertEqual(set(trade), TRADE_FIELDS)
        self.assertEqual((trade['traded_volume'], trade['traded_price'], trade['traded_amount'],
                          trade['order_remark'], trade['strategy_name']),
                         (1000, 10.5, 10500.0, 'g1', 'strat-a'))
        seqs = [e['seq'] for e in events]
        self.assertEqual(seqs, sorted(seqs))
        self.assertEqual({e['session_id'] for e in events}, {self.harness.bridge.host.session_id})

    def test_queries_return_xttype_records(self):
        self.place()
        self.client.expect(lambda m: m.get('callback') == 'on_stock_asset')
        orders = self.client.call('query_stock_orders', ACCOUNT)
        self.assertEqual([(o['order_remark'], o['order_status']) for o in orders], [('g1', 56)])
        self.assertEqual(self.client.call('query_stock_orders', ACCOUNT, True), [])
        trades = self.client.call('query_stock_trades', ACCOUNT)
        self.assertEqual([(t['traded_volume'], t['order_id']) for t in trades],
                         [(1000, orders[0]['order_id'])])
        asset = self.client.call('query_stock_asset', ACCOUNT)
        self.assertEqual((asset['cash'], asset['frozen_cash']), (1000000.0 - 10500.0, 0.0))
        positions = self.client.call('query_stock_positions', ACCOUNT)
        bought = [p for p in positions if p['stock_code'] == '600000.SH'][0]
        # T+1: today's 1000 are held but not sellable.
        self.assertEqual((bought['volume'], bought['can_use_volume']), (11000, 10000))
        one = self.client.call('query_stock_order', ACCOUNT, orders[0]['order_id'])
        self.assertEqual(one['order_id'], orders[0]['order_id'])
        infos = self.client.call('query_account_infos')
        self.assertEqual([(i['account_id'], i['login_status']) for i in infos],
                         [('8880001', 0)])

    def test_a_rejected_order_ends_57_with_the_counter_text_then_an_order_error(self):
        self.place(volume=1000000, price=10.0)
        error = self.client.expect(lambda m: m.get('callback') == 'on_order_error')
        callbacks = [e['callback'] for e in self.client.events()]
        self.assertEqual(callbacks, ['on_order_stock_async_response', 'on_stock_order',
                                     'on_order_error'])
        junk = self.client.events('on_stock_order')[0]['data']
        self.assertEqual(junk['order_status'], 57)
        self.assertEqual(junk['status_msg'], u'[COUNTER][260200][可用资金不足]')
        self.assertEqual(junk['order_sysid'], 'xt{}'.format(junk['order_id']))
        self.assertEqual((error['data']['error_id'], error['data']['order_id']),
                         (-61, junk['order_id']))

    def test_a_working_order_cancels_51_then_54(self):
        xttrader.fake_broker().rest_codes.add('000001.SZ')
        self.place(code='000001.SZ', volume=100, price=11.0, remark='g2')
        response = self.client.expect(
            lambda m: m.get('callback') == 'on_order_stock_async_response')['data']
        self.wait_status(50)
        cancel_seq = self.client.call('cancel_order_stock_async', ACCOUNT, response['order_id'])
        answer = self.client.expect(
            lambda m: m.get('callback') == 'on_cancel_order_stock_async_response')['data']
        self.assertEqual((answer['seq'], answer['cancel_result']), (cancel_seq, 0))
        self.wait_status(51)
        cancelled = self.wait_status(54)['data']
        self.assertEqual(cancelled['traded_volume'], 0)
        asset = self.client.call('query_stock_asset', ACCOUNT)
        self.assertEqual((asset['cash'], asset['frozen_cash']), (1000000.0, 0.0))

    def test_cancelling_a_filled_order_is_a_cancel_error(self):
        self.place()
        response = self.client.expect(
            lambda m: m.get('callback') == 'on_order_stock_async_response')['data']
        self.wait_status(56)
        self.assertEqual(self.client.call('cancel_order_stock', ACCOUNT, response['order_id']),
                         -1)
        error = self.client.expect(lambda m: m.get('callback') == 'on_cancel_error')['data']
        self.assertEqual((error['order_id'], error['market']), (response['order_id'], 0))

    def test_cancel_by_contract_number(self):
        xttrader.fake_broker().rest_codes.add('000001.SZ')
        self.place(code='000001.SZ', volume=100, price=11.0)
        sysid = self.wait_status(50)['data']['order_sysid']
        self.assertEqual(self.client.call('cancel_order_stock_sysid', ACCOUNT, 'SZ', sysid), 0)
        self.assertEqual(self.wait_status(54)['data']['order_sysid'], sysid)

    def test_a_sync_order_returns_the_order_id(self):
        order_id = self.client.call('order_stock', ACCOUNT, '600000.SH', 24, 100, 11, 10.0,
                                    's', 'g3')
        done = self.wait_status(56)['data']
        self.assertEqual((done['order_id'], done['offset_flag']), (order_id, 49))


class XtdataTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness()
        self.addCleanup(self.harness.stop)
        self.client = Client(self.harness.port)
        self.addCleanup(self.client.close)
        self.client.hello()

    def test_full_tick_and_instrument_detail(self):
        ticks = self.client.call('xtdata.get_full_tick', ['600000.SH', 'NOPE.SH'])
        self.assertEqual(list(ticks), ['600000.SH'])
        self.assertEqual(len(ticks['600000.SH']['askPrice']), 5)
        detail = self.client.call('xtdata.get_instrument_detail', '600000.SH')
        self.assertEqual((detail['UpStopPrice'], detail['DownStopPrice'], detail['PriceTick']),
                         (11.0, 9.0, 0.01))
        self.assertIsNone(self.client.call('xtdata.get_instrument_detail', '999999.SH'))

    def test_market_data_frames_arrive_split(self):
        bars = self.client.request('xtdata.get_market_data', [], {
            'field_list': ['close', 'volume'], 'stock_list': ['600000.SH'], 'period': '1m',
            'count': 3})['result']
        self.assertEqual(sorted(bars), ['close', 'volume'])
        self.assertEqual(bars['volume'], {
            'index': ['600000.SH'],
            'columns': ['20261124145700', '20261124145800', '20261124145900'],
            'data': [[1000, 1001, 1002]]})

    def test_trading_dates_are_shanghai_midnights_in_ms(self):
        dates = self.client.call('xtdata.get_trading_dates', 'SH', '20261123', '20261129')
        self.assertEqual(dates[0], 1795363200000)  # 2026-11-23 00:00 +08:00
        self.assertEqual(len(dates), 5)

    def test_a_quote_subscription_pushes_quotes_with_its_id(self):
        from xtquant import xtdata
        sub_id = self.client.call('xtdata.subscribe_quote', '600000.SH', 'tick')
        first = self.client.expect(lambda m: m.get('type') == 'quote')
        self.assertEqual(first['sub_id'], sub_id)
        xtdata.push_quote('600000.SH', 10.2)
        pushed = self.client.expect(lambda m: m.get('type') == 'quote'
                                    and m['data']['600000.SH'][0]['lastPrice'] == 10.2)
        self.assertEqual(pushed['sub_id'], sub_id)
        self.client.call('xtdata.unsubscribe_quote', sub_id)


if __name__ == '__main__':
    unittest.main()
