"""Handshake, request ids, error replies, heartbeats and the one-client rule."""

import time
import unittest

from xtquant import xttrader

from .harness import ACCOUNT, TOKEN, BridgeHarness, Client, wait_connected, wait_trader


class HandshakeTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness()
        self.addCleanup(self.harness.stop)

    def client(self):
        client = Client(self.harness.port)
        self.addCleanup(client.close)
        return client

    def test_a_wrong_token_is_refused_and_the_connection_closed(self):
        client = self.client()
        reply = client.hello(token=TOKEN + 'x')
        self.assertEqual(reply, {'type': 'error', 'code': 'AUTH_FAILED',
                                 'message': 'the first message must be a hello with the token'})
        self.assertTrue(client.wait_closed())

    def test_a_request_before_the_hello_is_refused(self):
        client = self.client()
        client.send({'type': 'request', 'id': 1, 'method': 'query_stock_asset',
                     'args': [ACCOUNT]})
        reply = client.expect(lambda m: True)
        self.assertEqual(reply['code'], 'AUTH_FAILED')
        self.assertTrue(client.wait_closed())

    def test_a_hello_that_is_not_json_is_refused(self):
        client = self.client()
        client.send_raw(b'token=' + TOKEN.encode() + b'\n')
        self.assertEqual(client.expect(lambda m: True)['code'], 'AUTH_FAILED')
        self.assertTrue(client.wait_closed())

    def test_another_protocol_version_is_refused(self):
        client = self.client()
        self.assertEqual(client.hello(protocol=2)['code'], 'PROTOCOL_VERSION')
        self.assertTrue(client.wait_closed())

    def test_the_welcome_names_the_session_and_the_capabilities(self):
        client = self.client()
        welcome = client.hello()
        self.assertEqual(welcome['type'], 'welcome')
        self.assertEqual(welcome['protocol'], 1)
        status = wait_connected(client)
        self.assertEqual(status['session_id'], xttrader.fake_broker().sessions_connected[-1])
        self.assertIn('order_stock_async', welcome['capabilities']['trader'])
        self.assertIn('cancel_order_stock_sysid_async', welcome['capabilities']['trader'])
        # The fake has no smart-algo API, like many broker builds: it is not advertised.
        self.assertNotIn('smart_algo_order_async', welcome['capabilities']['trader'])
        self.assertIn('get_full_tick', welcome['capabilities']['xtdata'])


class RequestTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness()
        self.addCleanup(self.harness.stop)
        self.client = Client(self.harness.port)
        self.addCleanup(self.client.close)
        self.client.hello()
        wait_connected(self.client)

    def test_each_response_carries_its_request_id(self):
        for request_id in ('a-1', 7, 'z'):
            self.client.send({'type': 'request', 'id': request_id,
                              'method': 'query_stock_asset', 'args': [ACCOUNT]})
        replies = [self.client.expect(lambda m: m.get('type') == 'response') for _ in range(3)]
        self.assertEqual(sorted(str(r['id']) for r in replies), ['7', 'a-1', 'z'])
        for reply in replies:
            self.assertTrue(reply['ok'])
            self.assertEqual(reply['result']['account_id'], '8880001')
            self.assertEqual(reply['result']['cash'], 1000000.0)

    def test_an_unknown_method_gets_an_error_reply(self):
        reply = self.client.request('stop', [], request_id=41)
        self.assertEqual(reply, {'type': 'response', 'id': 41, 'ok': False, 'error': {
            'code': 'UNKNOWN_METHOD', 'message': "no such method 'stop'"}})
        self.assertEqual(self.client.request('xtdata.run', [])['error']['code'],
                         'UNKNOWN_METHOD')

    def test_a_method_the_build_lacks_is_unsupported(self):
        reply = self.client.request('smart_algo_order_async', [ACCOUNT])
        self.assertEqual(reply['error']['code'], 'UNSUPPORTED')

    def test_a_line_that_is_not_json_gets_an_error_and_the_connection_stays(self):
        self.client.send_raw(b'{"type": "request", "id": \n')
        error = self.client.expect(lambda m: m.get('type') == 'error')
        self.assertEqual(error['code'], 'BAD_JSON')
        self.assertTrue(self.client.request('query_stock_asset', [ACCOUNT])['ok'])

    def test_bad_bytes_and_absurd_nesting_are_bad_json(self):
        for line in (b'\xff\xfe{}\n', b'[' * 100000 + b'\n'):
            self.client.send_raw(line)
            self.assertEqual(self.client.expect(lambda m: m.get('type') == 'error')['code'],
                             'BAD_JSON')
        self.assertTrue(self.client.request('bridge.status')['ok'])

    def test_wrong_types_get_error_replies(self):
        cases = [
            ({'type': 'request', 'id': 1, 'method': 7}, 'BAD_REQUEST'),
            ({'type': 'request', 'id': 2, 'method': 'query_stock_asset', 'args': {}},
             'BAD_REQUEST'),
            ({'type': 'request', 'id': 3, 'method': 'query_stock_asset',
              'args': [{'account_id': 8880001, 'account_type': 2}]}, 'BAD_ARGS'),
            ({'type': 'request', 'id': 4, 'method': 'query_stock_asset',
              'args': [{'account_id': '8880001', 'account_type': 99}]}, 'BAD_ARGS'),
            ({'type': 'request', 'id': 5, 'method': 'query_stock_asset', 'args': []},
             'BAD_ARGS'),
            ({'type': 'request', 'id': 6, 'method': 'xtdata.get_full_tick', 'args': [],
              'kwargs': {'codes': []}}, 'BAD_ARGS'),
        ]
        for message, code in cases:
            self.client.send(message)
            reply = self.client.expect(lambda m, i=message['id']: m.get('id') == i)
            self.assertEqual(reply['error']['code'], code, message)

    def test_a_request_without_a_usable_id_gets_a_bare_error(self):
        for bad in (None, True, [1], {'a': 1}):
            self.client.send({'type': 'request', 'id': bad, 'method': 'query_stock_asset'})
            error = self.client.expect(lambda m: m.get('type') == 'error')
            self.assertEqual(error['code'], 'BAD_REQUEST')

    def test_an_unknown_message_type_gets_an_error(self):
        self.client.send({'type': 'subscribe-everything'})
        self.assertEqual(self.client.expect(lambda m: m.get('type') == 'error')['code'],
                         'BAD_REQUEST')

    def test_account_type_may_be_given_by_name(self):
        reply = self.client.request('query_stock_asset',
                                    [{'account_id': '8880001', 'account_type': 'STOCK'}])
        self.assertTrue(reply['ok'])


class HeartbeatTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness('--heartbeat-interval', '0.1', '--heartbeat-timeout',
                                     '0.5')
        self.addCleanup(self.harness.stop)

    def test_a_silent_client_is_dropped_after_the_timeout(self):
        client = Client(self.harness.port)
        self.addCleanup(client.close)
        self.assertEqual(client.hello()['heartbeat_interval_ms'], 100)
        client.expect(lambda m: m.get('type') == 'heartbeat')
        error = client.expect(lambda m: m.get('type') == 'error', timeout=3)
        self.assertEqual(error['code'], 'HEARTBEAT_TIMEOUT')
        self.assertTrue(client.wait_closed())

    def test_a_client_that_beats_stays(self):
        client = Client(self.harness.port)
        self.addCleanup(client.close)
        client.hello()
        deadline = time.monotonic() + 1.2
        while time.monotonic() < deadline:
            client.send({'type': 'heartbeat', 'ts': 0})
            time.sleep(0.1)
        self.assertFalse(client.closed.is_set())
        self.assertTrue(client.request('bridge.status')['ok'])


class OneClientTest(unittest.TestCase):
    def setUp(self):
        self.harness = BridgeHarness()
        self.addCleanup(self.harness.stop)

    def test_a_second_authenticated_client_replaces_the_first(self):
        first = Client(self.harness.port)
        self.addCleanup(first.close)
        first.hello()
        second = Client(self.harness.port)
        self.addCleanup(second.close)
        self.assertEqual(second.hello()['type'], 'welcome')
        self.assertEqual(first.expect(lambda m: m.get('type') == 'error')['code'], 'SUPERSEDED')
        self.assertTrue(first.wait_closed())
        self.assertTrue(second.request('bridge.status')['ok'])

    def test_an_unauthenticated_client_does_not_disturb_the_current_one(self):
        first = Client(self.harness.port)
        self.addCleanup(first.close)
        first.hello()
        intruder = Client(self.harness.port)
        self.addCleanup(intruder.close)
        self.assertEqual(intruder.hello(token='nope')['code'], 'AUTH_FAILED')
        self.assertTrue(first.request('bridge.status')['ok'])
        self.assertFalse(first.closed.is_set())

    def test_events_while_no_client_is_connected_are_delivered_on_the_next_hello(self):
        wait_trader(self.harness)
        xttrader.fake_broker().force_disconnect()
        client = Client(self.harness.port)
        self.addCleanup(client.close)
        client.hello()
        event = client.expect(lambda m: m.get('type') == 'event')
        self.assertEqual(event['callback'], 'on_disconnected')
        self.assertEqual(event['data'], {})


if __name__ == '__main__':
    unittest.main()
