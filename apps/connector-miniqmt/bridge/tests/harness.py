"""An in-process bridge on a thread of its own, and a blocking JSON-lines client for tests."""

import asyncio
import json
import queue
import socket
import threading
import time

import qmt_bridge
from xtquant import xttrader

TOKEN = 'test-token-0123456789'
ACCOUNT = {'account_id': '8880001', 'account_type': 2}


class BridgeHarness(object):
    """Starts qmt_bridge.serve() on a background loop; the fake broker is reset first."""

    def __init__(self, *flags, **kwargs):
        xttrader.fake_broker().reset(kwargs.pop('accounts', None))
        argv = ['--host', '127.0.0.1', '--port', '0', '--reconnect-initial', '0.05',
                '--reconnect-max', '0.2', '--call-timeout', '5'] + list(flags)
        self.config = qmt_bridge.parse_args(argv, {})
        self.token = kwargs.pop('token', TOKEN)
        self.bridge = None
        self.loop = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name='bridge-under-test', daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError('bridge did not start')

    @property
    def port(self):
        return self.bridge.port

    def _run(self):
        def ready(bridge):
            self.bridge = bridge
            self.loop = asyncio.get_event_loop()
            self._ready.set()

        asyncio.run(qmt_bridge.serve(self.config, self.token, qmt_bridge.import_xtquant(),
                                     ready=ready))

    def stop(self):
        if self.loop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.bridge.stopping.set)
        self._thread.join(10)


class Client(object):
    """Blocking client: a reader thread files every inbound message into a queue."""

    def __init__(self, port, wrap=None, server_hostname=None):
        raw = socket.create_connection(('127.0.0.1', port), timeout=5)
        self.sock = wrap.wrap_socket(raw, server_hostname=server_hostname) if wrap else raw
        # An SSL socket must not be read and written by two threads at once (OpenSSL's
        # connection state is not thread-safe: a TLS 1.3 session ticket read while the hello
        # is written lost the welcome now and then). TLS reads poll briefly under a lock that
        # writes take too; a plain socket blocks in recv as before.
        self._tls = wrap is not None
        self._io = threading.Lock()
        self.sock.settimeout(0.05 if self._tls else None)
        self.inbox = queue.Queue()
        self.seen = []
        self.pending = []
        self.closed = threading.Event()
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b''
        try:
            while True:
                chunk = self._recv()
                if chunk is None:
                    continue
                if not chunk:
                    break
                buffer += chunk
                while b'\n' in buffer:
                    line, buffer = buffer.split(b'\n', 1)
                    self.inbox.put(json.loads(line.decode('utf-8')))
        except OSError:
            pass
        finally:
            self.closed.set()
            self.inbox.put(None)

    def send(self, message):
        self.send_raw((json.dumps(message) + '\n').encode('utf-8'))

    def _recv(self):
        """Bytes read, b'' at end of stream, or None when a TLS poll found nothing yet."""
        if not self._tls:
            return self.sock.recv(65536)
        with self._io:
            try:
                return self.sock.recv(65536)
            except socket.timeout:
                return None

    def send_raw(self, data):
        if not self._tls:
            self.sock.sendall(data)
            return
        with self._io:
            self.sock.settimeout(5)
            try:
                self.sock.sendall(data)
            finally:
                self.sock.settimeout(0.05)

    def hello(self, token=TOKEN, protocol=1):
        self.send({'type': 'hello', 'token': token, 'protocol': protocol, 'client': 'tests'})
        return self.expect(lambda m: m.get('type') in ('welcome', 'error'))

    def next(self, timeout=5):
        """The next message, or None at end of stream; raises when nothing comes in time."""
        message = self.inbox.get(timeout=timeout)
        if message is not None:
            self.seen.append(message)
        return message

    def expect(self, predicate, timeout=5):
        """The first message matching `predicate`, earlier skipped ones first; a message is
        matched at most once, every message stays in self.seen."""
        for index, message in enumerate(self.pending):
            if predicate(message):
                del self.pending[index]
                return message
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError('no matching message; seen {}'.format(self.seen[-10:]))
            try:
                message = self.next(left)
            except queue.Empty:
                continue
            if message is None:
                raise AssertionError('stream closed; seen {}'.format(self.seen[-10:]))
            if predicate(message):
                return message
            self.pending.append(message)

    def collect(self, seconds):
        """Reads for `seconds`, filing everything into seen and pending."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                message = self.next(left)
            except queue.Empty:
                return
            if message is None:
                return
            self.pending.append(message)

    def request(self, method, args=None, kwargs=None, request_id=None):
        if request_id is None:
            self._next_id += 1
            request_id = self._next_id
        message = {'type': 'request', 'id': request_id, 'method': method, 'args': args or []}
        if kwargs is not None:
            message['kwargs'] = kwargs
        self.send(message)
        return self.expect(lambda m: m.get('type') == 'response' and m.get('id') == request_id)

    def call(self, method, *args):
        reply = self.request(method, list(args))
        if not reply['ok']:
            raise AssertionError('{} failed: {}'.format(method, reply['error']))
        return reply['result']

    def events(self, callback=None):
        return [m for m in self.seen if m.get('type') == 'event'
                and (callback is None or m['callback'] == callback)]

    def wait_closed(self, timeout=5):
        return self.closed.wait(timeout)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def wait_connected(client, timeout=5):
    """Until bridge.status says the trader is connected (the first connect is asynchronous)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.call('bridge.status')
        if status['trader'] == 'connected':
            return status
        time.sleep(0.02)
    raise AssertionError('trader never connected')


def wait_trader(harness, timeout=5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if harness.bridge.trader_state == 'connected':
            return
        time.sleep(0.02)
    raise AssertionError('trader never connected')
