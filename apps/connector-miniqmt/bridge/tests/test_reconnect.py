"""on_disconnected: the bridge builds a new trader with a fresh session id, with backoff."""

import unittest

from xtquant import xttrader

from .harness import ACCOUNT, BridgeHarness, Client, wait_connected


class ReconnectTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness('--session-id', '424242')
        self.addCleanup(self.harness.stop)
        self.broker = xttrader.fake_broker()
        self.client = Client(self.harness.port)
        self.addCleanup(self.client.close)
        self.client.hello()
        wait_connected(self.client)
        self.assertEqual(self.client.call('subscribe', ACCOUNT), 0)

    def connected_status(self):
        return self.client.expect(lambda m: m.get('type') == 'status'
                                  and m['trader'] == 'connected', timeout=10)

    def test_the_first_trader_uses_the_configured_session_id(self):
        self.assertEqual(self.broker.sessions_connected, [424242])

    def test_a_disconnect_recreates_the_trader_with_a_new_session_and_resubscribes(self):
        self.broker.fail_next_connects(2)
        attempts_before = len(self.broker.connect_attempts)
        self.broker.force_disconnect()
        event = self.client.expect(lambda m: m.get('callback') == 'on_disconnected')
        self.assertEqual(event['session_id'], 424242)
        status = self.connected_status()
        self.assertNotEqual(status['session_id'], 424242)
        self.assertEqual(status['accounts'], [ACCOUNT])
        retried = self.broker.connect_attempts[attempts_before:]
        self.assertEqual(len(retried), 3)
        self.assertEqual(len(set(retried)), 3, 'every attempt takes a fresh session id')
        self.assertNotIn(424242, retried)
        self.assertEqual(self.broker.sessions_connected, [424242, status['session_id']])
        live = self.broker.live
        self.assertEqual([t.session_id for t in live], [status['session_id']])
        self.assertEqual(live[0]._subscribed, {'8880001'})
        states = [m['trader'] for m in self.client.seen if m.get('type') == 'status']
        self.assertEqual(states, ['disconnected', 'connecting', 'disconnected', 'connecting',
                                  'disconnected', 'connecting', 'connected'])

    def test_pushes_resume_on_the_new_session(self):
        self.broker.force_disconnect()
        status = self.connected_status()
        self.client.call('order_stock_async', ACCOUNT, '600000.SH', 23, 100, 11, 10.0, 's', 'r1')
        trade = self.client.expect(lambda m: m.get('callback') == 'on_stock_trade')
        self.assertEqual(trade['session_id'], status['session_id'])
        self.assertEqual(trade['data']['order_remark'], 'r1')

    def test_trading_is_refused_while_the_session_is_down(self):
        self.broker.fail_next_connects(1000)
        self.broker.force_disconnect()
        self.client.expect(lambda m: m.get('type') == 'status' and m['trader'] != 'connected')
        reply = self.client.request('order_stock_async',
                                    [ACCOUNT, '600000.SH', 23, 100, 11, 10.0, 's', 'r2'])
        self.assertEqual(reply['error']['code'], 'NOT_CONNECTED')
        self.assertEqual(self.broker.orders, {}, 'nothing reached the broker')

    def test_backoff_doubles_up_to_the_ceiling(self):
        self.broker.fail_next_connects(1000)
        self.broker.force_disconnect()
        self.client.collect(1.2)
        stamps = [m for m in self.client.seen if m.get('type') == 'status'
                  and m['trader'] == 'connecting']
        # Initial 0.05 s doubling to the 0.2 s ceiling: 0 + .05 + .1 + .2 + .2 + ... in 1.2 s.
        self.assertGreaterEqual(len(stamps), 5)
        self.assertLessEqual(len(stamps), 9)

    def test_the_old_session_id_is_refused_by_the_client(self):
        self.broker.force_disconnect()
        self.connected_status()
        stale = xttrader.XtQuantTrader('', 424242)
        stale.start()
        self.addCleanup(stale.stop)
        self.assertEqual(stale.connect(), -1)


if __name__ == '__main__':
    unittest.main()
