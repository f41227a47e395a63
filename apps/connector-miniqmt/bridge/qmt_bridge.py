#!/usr/bin/env python3
"""qmt_bridge: the miniQMT side of qmt-gateway, a JSON-lines TCP server over xtquant.

Runs next to a miniQMT terminal (Windows, any Python 3.8+, standard library only) and lets the
gateway's connector drive XtQuantTrader and xtdata remotely. The protocol is
docs/bridge-protocol.md; the xtquant facts it relies on are shared/reference/xtquant-api.md.

Threads, and why (xtquant-api.md 3.5):
- the asyncio loop (main thread) owns the socket, heartbeats and all bridge state;
- each XtQuantTrader generation lives on its own command thread: the constructor replaces the
  constructing thread's asyncio loop, sync calls can block forever, and a wedged generation must
  not stop its successor;
- xtquant calls our callbacks on its hidden worker thread; they only copy the payload into
  plain dicts and hand it to the loop through call_soon_threadsafe (the queue), so no bridge
  state is touched off the loop and no exception is lost silently;
- xtdata runs on a thread of its own: it is a separate connection and failure domain.
"""

import argparse
import asyncio
import collections
import hmac
import inspect
import json
import logging
import math
import os
import random
import signal
import ssl
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

PROTOCOL_VERSION = 1
BRIDGE_VERSION = '1.0.0'
MAX_LINE_BYTES = 1 << 20

log = logging.getLogger('qmt_bridge')

# XtQuantTrader methods a client may call (xtquant-api.md 3.1-3.4). The lifecycle (start,
# connect, stop, register_callback, run_forever, relaxed order, set_timeout) belongs to the
# bridge. The query `_async(..., callback)` variants are left out: a Python callback cannot
# cross the wire, and the sync queries cannot deadlock here because they never run on the
# callback thread.
TRADER_METHODS = frozenset([
    'subscribe', 'unsubscribe',
    'order_stock', 'order_stock_async',
    'cancel_order_stock', 'cancel_order_stock_async',
    'cancel_order_stock_sysid', 'cancel_order_stock_sysid_async',
    'query_account_infos', 'query_account_info', 'query_account_status',
    'query_stock_asset', 'query_stock_order', 'query_stock_orders', 'query_stock_trades',
    'query_stock_position', 'query_stock_positions', 'query_position_statistics',
    'query_credit_detail', 'query_stk_compacts', 'query_credit_subjects',
    'query_credit_slo_code', 'query_credit_assure',
    'query_new_purchase_limit', 'query_ipo_data',
    'query_com_fund', 'query_com_position',
    'query_bank_info', 'query_bank_amount', 'query_bank_transfer_stream', 'query_secu_account',
    'export_data', 'query_data', 'sync_transaction_from_external',
    'fund_transfer', 'secu_transfer',
    'bank_transfer_in', 'bank_transfer_out', 'bank_transfer_in_async', 'bank_transfer_out_async',
    'ctp_transfer_option_to_future', 'ctp_transfer_future_to_option',
    'ctp_transfer_option_to_future_async', 'ctp_transfer_future_to_option_async',
    'smt_query_quoter', 'smt_query_order', 'smt_query_compact',
    'smt_negotiate_order_async', 'smt_appointment_order_async', 'smt_appointment_cancel_async',
    'smt_compact_renewal_async', 'smt_compact_return_async',
    'get_smart_algo_param', 'smart_algo_order_async', 'query_smart_algo_task',
    'cancel_smart_algo_task_async',
])

# The xtdata calls the gateway needs (xtquant-api.md section 4), called as "xtdata.<name>".
XTDATA_METHODS = frozenset([
    'subscribe_quote', 'subscribe_whole_quote', 'unsubscribe_quote',
    'get_full_tick', 'get_instrument_detail', 'get_instrument_type',
    'get_market_data', 'get_market_data_ex', 'download_history_data',
    'get_trading_dates', 'get_trading_calendar', 'get_trading_period',
])
XTDATA_SUBSCRIBERS = frozenset(['subscribe_quote', 'subscribe_whole_quote'])

# Every handler of XtQuantTraderCallback (xtquant-api.md 3.6); on_connected is never invoked
# by the wrapper but is defined so a build that does call it is forwarded too.
CALLBACKS = (
    'on_connected', 'on_disconnected', 'on_account_status', 'on_stock_asset', 'on_stock_order',
    'on_stock_trade', 'on_stock_position', 'on_order_error', 'on_cancel_error',
    'on_order_stock_async_response', 'on_cancel_order_stock_async_response',
    'on_smt_appointment_async_response', 'on_bank_transfer_async_response',
    'on_ctp_internal_transfer_async_response', 'on_smart_algo_order_async_response',
    'on_operate_smart_task_async_response',
)

# Fallback when a build's xtconstant has no ACCOUNT_TYPE_DICT (xtquant-api.md 1.1).
ACCOUNT_TYPE_NAMES = {
    1: 'FUTURE', 2: 'STOCK', 3: 'CREDIT', 5: 'FUTURE_OPTION', 6: 'STOCK_OPTION',
    7: 'HUGANGTONG', 8: 'INCOME_SWAP', 10: 'NEW3BOARD', 11: 'SHENGANGTONG',
}


class BridgeError(Exception):
    """A request refused with a machine code; the connection stays up."""

    def __init__(self, code, message):
        Exception.__init__(self, message)
        self.code = code
        self.message = message


# --- converting xtquant objects to JSON -------------------------------------------------------

def to_jsonable(value, depth=0):
    """Plain JSON data from xttype objects, native objects, numpy and pandas values.

    Objects become dicts of their public non-callable attributes with xtquant's own names, so a
    field a newer build adds reaches the gateway instead of being dropped. NaN and infinities
    (pandas fills gaps with NaN) become null because JSON has no such numbers.
    """
    if depth > 12:
        return repr(value)
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bytes):
        return value.decode('gb18030', errors='replace')
    if isinstance(value, dict):
        return dict((str(k), to_jsonable(v, depth + 1)) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v, depth + 1) for v in value]
    if hasattr(value, 'to_dict') and hasattr(value, 'columns') and hasattr(value, 'index'):
        return to_jsonable(value.to_dict(orient='split'), depth + 1)
    dtype = getattr(value, 'dtype', None)
    if dtype is not None and getattr(dtype, 'names', None) and hasattr(value, 'tolist'):
        names = list(dtype.names)
        rows = value.tolist()
        rows = rows if isinstance(rows, list) else [rows]
        return [dict(zip(names, to_jsonable(list(r), depth + 1))) for r in rows]
    if hasattr(value, 'tolist'):
        return to_jsonable(value.tolist(), depth + 1)
    if hasattr(value, 'isoformat'):
        return value.isoformat()
    fields = {}
    for name in dir(value):
        if name.startswith('_'):
            continue
        try:
            attr = getattr(value, name)
        except Exception:  # noqa: BLE001 -- a native property that fails is left out
            continue
        if callable(attr):
            continue
        fields[name] = to_jsonable(attr, depth + 1)
    return fields


def check_arity(fn, args, kwargs, name):
    """BAD_ARGS before the call when the arguments cannot bind, so that code always means
    "never executed"; native methods without a signature are not checked."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(*args, **kwargs)
    except TypeError as error:
        raise BridgeError('BAD_ARGS', '{}: {}'.format(name, error))


def is_account_ref(value):
    return isinstance(value, dict) and set(value) == {'account_id', 'account_type'}


def make_account(xttype, xtconstant, ref):
    """StockAccount from {account_id, account_type}; account_type as int code or name."""
    account_id = ref['account_id']
    if not isinstance(account_id, str) or not account_id:
        # StockAccount(12345) would silently return an error string (xtquant-api.md 2.1).
        raise BridgeError('BAD_ARGS', 'account_id must be a non-empty string')
    account_type = ref['account_type']
    if isinstance(account_type, bool) or not isinstance(account_type, (int, str)):
        raise BridgeError('BAD_ARGS', 'account_type must be an int code or a type name')
    if isinstance(account_type, int):
        names = getattr(xtconstant, 'ACCOUNT_TYPE_DICT', None) or ACCOUNT_TYPE_NAMES
        if account_type not in names:
            raise BridgeError('BAD_ARGS', 'unknown account_type {}'.format(account_type))
        account_type = names[account_type]
    try:
        account = xttype.StockAccount(account_id, account_type)
    except Exception as error:  # noqa: BLE001 -- StockAccount raises a bare Exception
        raise BridgeError('BAD_ARGS', str(error))
    if isinstance(account, str):
        raise BridgeError('BAD_ARGS', account)
    return account


# --- one XtQuantTrader generation -------------------------------------------------------------

def make_callback_class(base):
    """An XtQuantTraderCallback whose every handler copies its argument and forwards it."""

    def handler(name):
        def forward(self, *args):
            try:
                payload = to_jsonable(args[0]) if args else {}
                self._sink(self._generation, name, payload)
            except Exception:  # noqa: BLE001 -- xtquant would swallow it without a trace
                log.exception('callback %s could not be forwarded', name)
        forward.__name__ = name
        return forward

    members = dict((name, handler(name)) for name in CALLBACKS)

    def __init__(self, generation, sink):
        base.__init__(self)
        self._generation = generation
        self._sink = sink

    members['__init__'] = __init__
    return type('BridgeCallback', (base,), members)


class TraderHost(object):
    """One XtQuantTrader and the single command thread every call to it runs on."""

    def __init__(self, xttrader, callback_class, path, session_id, generation, sink):
        self.session_id = session_id
        self.generation = generation
        self.trader = None
        self.dead = False
        self._xttrader = xttrader
        self._callback = callback_class(generation, sink)
        self._path = path
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix='qmt-trader-{}'.format(session_id))

    def submit(self, fn, *args):
        return asyncio.wrap_future(self._executor.submit(fn, *args))

    def open(self):
        """start() then connect(); returns connect()'s int (0 = connected). Command thread."""
        self.trader = self._xttrader.XtQuantTrader(self._path, self.session_id)
        self.trader.register_callback(self._callback)
        self.trader.start()
        return self.trader.connect()

    def call(self, method, args, kwargs):
        return getattr(self.trader, method)(*args, **kwargs)

    def close(self):
        """stop() on the command thread without waiting: a wedged trader must not block us."""
        trader = self.trader

        def stop():
            if trader is not None:
                try:
                    trader.stop()
                except Exception:  # noqa: BLE001 -- a dead native client may refuse to stop
                    log.exception('stop of session %s failed', self.session_id)

        self._executor.submit(stop)
        self._executor.shutdown(wait=False)


# --- one client connection --------------------------------------------------------------------

class ClientConnection(object):
    """The writer side of one client: a queue drained by a single task, so lines never mix."""

    def __init__(self, reader, writer, peer, max_queue):
        self.reader = reader
        self.writer = writer
        self.peer = peer
        self.last_rx = time.monotonic()
        self.closed = False
        self._queue = asyncio.Queue()
        self._max_queue = max_queue
        self._task = asyncio.ensure_future(self._drain())

    def send(self, message):
        if self.closed:
            return
        if self._queue.qsize() >= self._max_queue:
            # A client that stops reading would make the bridge hoard memory; it reconciles
            # after reconnecting anyway.
            log.warning('client %s is not reading; dropping it', self.peer)
            self.close()
            return
        self._queue.put_nowait(encode(message))

    def close(self, final=None):
        if self.closed:
            return
        if final is not None:
            self._queue.put_nowait(encode(final))
        self.closed = True
        self._queue.put_nowait(None)

    async def wait_closed(self):
        await self._task

    async def _drain(self):
        try:
            while True:
                line = await self._queue.get()
                if line is None:
                    break
                self.writer.write(line)
                await self.writer.drain()
        except (ConnectionError, OSError, asyncio.CancelledError):
            pass
        finally:
            self.closed = True
            try:
                self.writer.close()
            except Exception:  # noqa: BLE001 -- already gone
                pass


def encode(message):
    return (json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(',', ':'))
            + '\n').encode('utf-8')


def now_ms():
    return int(time.time() * 1000)


# --- the bridge -------------------------------------------------------------------------------

class Bridge(object):
    """Server, trader lifecycle and request dispatch; every method runs on the asyncio loop."""

    def __init__(self, config, token, modules):
        self.config = config
        self._token = token.encode('utf-8')
        self.xttrader = modules['xttrader']
        self.xttype = modules['xttype']
        self.xtconstant = modules['xtconstant']
        self.xtdata = modules.get('xtdata')
        self.callback_class = make_callback_class(self.xttrader.XtQuantTraderCallback)
        self.instance_id = '{:016x}'.format(random.SystemRandom().getrandbits(64))
        self.host = None
        self.generation = 0
        self.trader_state = 'connecting'
        self.attempt = 0
        self.accounts = collections.OrderedDict()
        self.used_sessions = set()
        self.client = None
        self.backlog = collections.deque(maxlen=config.backlog)
        self.dropped_events = 0
        self.event_seq = 0
        self.server = None
        self.loop = None
        self.stopping = None
        self.lost = None
        self.data_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix='qmt-xtdata')
        self.tasks = set()

    # --- lifecycle ----------------------------------------------------------------------------

    async def start(self):
        self.loop = asyncio.get_event_loop()
        self.stopping = asyncio.Event()
        self.lost = asyncio.Event()
        self.server = await asyncio.start_server(
            self._on_client, self.config.host, self.config.port,
            ssl=self._tls_context(), limit=MAX_LINE_BYTES)
        self.port = self.server.sockets[0].getsockname()[1]
        self._trader_task = asyncio.ensure_future(self._trader_loop())
        log.info('listening on %s:%s (tls %s)', self.config.host, self.port,
                 'on' if self.config.tls_cert else 'off')

    async def stop(self):
        self.stopping.set()
        self.lost.set()
        if self.server is not None:
            self.server.close()
        if self.client is not None:
            self.client.close({'type': 'error', 'code': 'SHUTDOWN', 'message': 'bridge stopping'})
        if self.server is not None:
            await self.server.wait_closed()
        await asyncio.gather(self._trader_task, return_exceptions=True)
        if self.host is not None:
            self.host.close()
        self.data_executor.shutdown(wait=False)

    def _tls_context(self):
        if not self.config.tls_cert:
            return None
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.config.tls_cert, self.config.tls_key)
        if self.config.tls_client_ca:
            context.load_verify_locations(self.config.tls_client_ca)
            context.verify_mode = ssl.CERT_REQUIRED
        return context

    # --- trader generations -------------------------------------------------------------------

    def _fresh_session_id(self):
        """A session id never used by this process: a dead session lingers at the client and
        its id is refused (xtquant-api.md 5.1, anchors.md 5)."""
        chooser = random.SystemRandom()
        while True:
            candidate = chooser.randint(100000, 2 ** 31 - 1)
            if candidate not in self.used_sessions:
                return candidate

    async def _trader_loop(self):
        first = True
        while not self.stopping.is_set():
            await self._connect_with_backoff(first)
            first = False
            await self.lost.wait()
            self.lost.clear()
            if self.host is not None:
                self.host.close()
                self.host = None

    async def _connect_with_backoff(self, first):
        self.attempt = 0
        delay = self.config.reconnect_initial
        while not self.stopping.is_set():
            self.attempt += 1
            if first and self.attempt == 1 and self.config.session_id is not None:
                session_id = self.config.session_id
            else:
                session_id = self._fresh_session_id()
            self.used_sessions.add(session_id)
            self.generation += 1
            host = TraderHost(self.xttrader, self.callback_class, self.config.userdata,
                              session_id, self.generation, self._from_callback_thread)
            self.host = host
            self._set_state('connecting', 'attempt {}'.format(self.attempt))
            reason = await self._open(host)
            if reason is None and host.dead:
                reason = 'on_disconnected while connecting'
            if reason is None:
                self._set_state('connected', 'session {} up'.format(session_id))
                return
            log.warning('session %s: %s; next attempt in %.1fs', session_id, reason, delay)
            host.close()
            self.host = None
            self._set_state('disconnected', reason)
            try:
                await asyncio.wait_for(self.stopping.wait(), delay)
            except asyncio.TimeoutError:
                pass
            delay = min(delay * 2, self.config.reconnect_max)

    async def _open(self, host):
        """connect, then subscribe every account the clients subscribed; None when all is up."""
        try:
            result = await asyncio.wait_for(host.submit(host.open), self.config.call_timeout)
        except asyncio.TimeoutError:
            return 'connect() did not return in {}s'.format(self.config.call_timeout)
        except Exception as error:  # noqa: BLE001 -- any failure is one failed attempt
            return 'connect() raised {}'.format(error)
        if result != 0:
            return 'connect() returned {}'.format(result)
        for ref in list(self.accounts.values()):
            account = make_account(self.xttype, self.xtconstant, ref)
            try:
                result = await asyncio.wait_for(
                    host.submit(host.call, 'subscribe', (account,), {}), self.config.call_timeout)
            except Exception as error:  # noqa: BLE001
                return 'subscribe({}) failed: {}'.format(ref['account_id'], error)
            if result != 0:
                return 'subscribe({}) returned {}'.format(ref['account_id'], result)
        return None

    def _set_state(self, state, reason):
        self.trader_state = state
        if self.client is not None:
            self.client.send(self._status_message(reason))

    def _status_message(self, reason=''):
        return {
            'type': 'status',
            'trader': self.trader_state,
            'session_id': self.host.session_id if self.host is not None else None,
            'attempt': self.attempt,
            'accounts': list(self.accounts.values()),
            'reason': reason,
        }

    # --- callbacks, marshalled from xtquant's thread ------------------------------------------

    def _from_callback_thread(self, generation, name, payload):
        """Runs on xtquant's callback thread: only hands the copied payload to the loop."""
        try:
            self.loop.call_soon_threadsafe(self._on_push, generation, name, payload)
        except RuntimeError:
            pass  # loop closed: the bridge is shutting down

    def _on_push(self, generation, name, payload):
        host = self.host
        if host is None or host.generation != generation:
            # A closed generation's late pushes would interleave with its successor's.
            log.debug('dropping %s from closed generation %s', name, generation)
            return
        self._emit({'type': 'event', 'callback': name, 'data': payload,
                    'session_id': host.session_id})
        if name == 'on_disconnected':
            host.dead = True
            if self.trader_state == 'connected':
                log.warning('session %s disconnected; recreating the trader', host.session_id)
                self._set_state('disconnected', 'on_disconnected')
                self.lost.set()

    def _emit(self, message):
        self.event_seq += 1
        message['seq'] = self.event_seq
        if self.client is not None and not self.client.closed:
            self.client.send(message)
            return
        if len(self.backlog) == self.backlog.maxlen:
            self.dropped_events += 1
        self.backlog.append(message)

    # --- clients ------------------------------------------------------------------------------

    async def _on_client(self, reader, writer):
        peer = writer.get_extra_info('peername')
        connection = ClientConnection(reader, writer, peer, self.config.max_send_queue)
        try:
            if await self._handshake(connection):
                await self._serve(connection)
        except Exception:  # noqa: BLE001 -- one client's trouble must not stop the bridge
            log.exception('client %s failed', peer)
        finally:
            if self.client is connection:
                self.client = None
            connection.close()
            await connection.wait_closed()

    async def _handshake(self, connection):
        try:
            line = await asyncio.wait_for(connection.reader.readline(),
                                          self.config.handshake_timeout)
        except asyncio.TimeoutError:
            connection.close({'type': 'error', 'code': 'HANDSHAKE_TIMEOUT',
                              'message': 'no hello within {}s'.format(
                                  self.config.handshake_timeout)})
            return False
        except ValueError:
            connection.close({'type': 'error', 'code': 'LINE_TOO_LONG', 'message': 'hello'})
            return False
        try:
            hello = json.loads(line.decode('utf-8'))
        except (ValueError, RecursionError):
            hello = None
        token = hello.get('token') if isinstance(hello, dict) else None
        if not isinstance(hello, dict) or hello.get('type') != 'hello' or \
                not isinstance(token, str) or \
                not hmac.compare_digest(token.encode('utf-8'), self._token):
            log.warning('client %s refused: bad hello or token', connection.peer)
            connection.close({'type': 'error', 'code': 'AUTH_FAILED',
                              'message': 'the first message must be a hello with the token'})
            return False
        if hello.get('protocol') != PROTOCOL_VERSION:
            connection.close({'type': 'error', 'code': 'PROTOCOL_VERSION',
                              'message': 'bridge speaks protocol {}'.format(PROTOCOL_VERSION)})
            return False
        previous, self.client = self.client, connection
        if previous is not None:
            log.warning('client %s replaces %s', connection.peer, previous.peer)
            previous.close({'type': 'error', 'code': 'SUPERSEDED',
                            'message': 'another client authenticated'})
        connection.send(self._welcome())
        while self.backlog:
            connection.send(self.backlog.popleft())
        self.dropped_events = 0
        log.info('client %s connected', connection.peer)
        return True

    def _welcome(self):
        trader_class = self.xttrader.XtQuantTrader
        return {
            'type': 'welcome',
            'protocol': PROTOCOL_VERSION,
            'bridge_version': BRIDGE_VERSION,
            'bridge_id': self.instance_id,
            'trader': self.trader_state,
            'session_id': self.host.session_id if self.host is not None else None,
            'accounts': list(self.accounts.values()),
            'dropped_events': self.dropped_events,
            'heartbeat_interval_ms': int(self.config.heartbeat_interval * 1000),
            'capabilities': {
                'trader': sorted(m for m in TRADER_METHODS if hasattr(trader_class, m)),
                'xtdata': sorted(m for m in XTDATA_METHODS
                                 if self.xtdata is not None and hasattr(self.xtdata, m)),
            },
        }

    async def _serve(self, connection):
        beat = asyncio.ensure_future(self._heartbeat(connection))
        try:
            while not connection.closed:
                try:
                    line = await connection.reader.readline()
                except ValueError:
                    connection.close({'type': 'error', 'code': 'LINE_TOO_LONG',
                                      'message': 'lines are limited to {} bytes'.format(
                                          MAX_LINE_BYTES)})
                    return
                except (ConnectionError, OSError):
                    return
                if not line:
                    return
                connection.last_rx = time.monotonic()
                self._on_line(connection, line)
        finally:
            beat.cancel()

    async def _heartbeat(self, connection):
        interval = self.config.heartbeat_interval
        while not connection.closed:
            await asyncio.sleep(interval)
            silent = time.monotonic() - connection.last_rx
            if silent > self.config.heartbeat_timeout:
                log.warning('client %s silent for %.1fs; closing', connection.peer, silent)
                connection.close({'type': 'error', 'code': 'HEARTBEAT_TIMEOUT',
                                  'message': 'nothing received for {:.1f}s'.format(silent)})
                connection.reader.feed_eof()
                return
            connection.send({'type': 'heartbeat', 'ts': now_ms()})

    def _on_line(self, connection, line):
        if not line.strip():
            return
        try:
            message = json.loads(line.decode('utf-8'))
        except (ValueError, RecursionError) as error:
            connection.send(error_reply(None, 'BAD_JSON', str(error)[:200]))
            return
        if not isinstance(message, dict):
            connection.send(error_reply(None, 'BAD_REQUEST', 'a message is a JSON object'))
            return
        kind = message.get('type')
        if kind == 'heartbeat':
            return
        if kind != 'request':
            connection.send(error_reply(None, 'BAD_REQUEST',
                                        'unknown message type {!r}'.format(kind)))
            return
        request_id = message.get('id')
        if isinstance(request_id, bool) or not isinstance(request_id, (int, str)):
            connection.send(error_reply(None, 'BAD_REQUEST', 'id must be an integer or string'))
            return
        # The loop keeps only weak references to tasks: hold each until it is done.
        task = asyncio.ensure_future(self._answer(connection, request_id, message))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _answer(self, connection, request_id, message):
        try:
            result = await self._dispatch(message)
            reply = {'type': 'response', 'id': request_id, 'ok': True,
                     'result': to_jsonable(result)}
        except BridgeError as error:
            reply = error_reply(request_id, error.code, error.message)
        except Exception as error:  # noqa: BLE001 -- a failing call is an answer, not a crash
            log.exception('request %s failed', message.get('method'))
            reply = error_reply(request_id, 'CALL_FAILED',
                                '{}: {}'.format(type(error).__name__, error))
        connection.send(reply)

    async def _dispatch(self, message):
        method = message.get('method')
        args = message.get('args', [])
        kwargs = message.get('kwargs', {})
        if not isinstance(method, str):
            raise BridgeError('BAD_REQUEST', 'method must be a string')
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            raise BridgeError('BAD_REQUEST', 'args must be a list and kwargs an object')
        if method == 'bridge.status':
            return self._status_message()
        if method.startswith('xtdata.'):
            return await self._call_xtdata(method[len('xtdata.'):], args, kwargs)
        if method not in TRADER_METHODS:
            raise BridgeError('UNKNOWN_METHOD', 'no such method {!r}'.format(method))
        return await self._call_trader(method, args, kwargs)

    async def _call_trader(self, method, args, kwargs):
        host = self.host
        if host is None or self.trader_state != 'connected':
            # Never queued for later: an order sent late is worse than a refusal (5.18).
            raise BridgeError('NOT_CONNECTED', 'miniQMT session is {}'.format(self.trader_state))
        if not hasattr(host.trader, method):
            raise BridgeError('UNSUPPORTED', 'this xtquant build has no {}'.format(method))
        call_args = [make_account(self.xttype, self.xtconstant, a) if is_account_ref(a) else a
                     for a in args]
        call_kwargs = dict((k, make_account(self.xttype, self.xtconstant, v)
                            if is_account_ref(v) else v) for k, v in kwargs.items())
        check_arity(getattr(host.trader, method), call_args, call_kwargs, method)
        try:
            result = await asyncio.wait_for(host.submit(host.call, method, call_args, call_kwargs),
                                            self.config.call_timeout)
        except asyncio.TimeoutError:
            raise BridgeError('TIMEOUT', '{} did not return in {}s; outcome unknown'.format(
                method, self.config.call_timeout))
        if method in ('subscribe', 'unsubscribe') and result == 0 and call_args:
            ref = args[0] if is_account_ref(args[0]) else None
            if ref is not None and method == 'subscribe':
                self.accounts[ref['account_id']] = dict(ref)
            elif ref is not None:
                self.accounts.pop(ref['account_id'], None)
        return result

    async def _call_xtdata(self, name, args, kwargs):
        if name not in XTDATA_METHODS:
            raise BridgeError('UNKNOWN_METHOD', 'no such method xtdata.{}'.format(name))
        if self.xtdata is None or not hasattr(self.xtdata, name):
            raise BridgeError('UNSUPPORTED', 'this xtquant build has no xtdata.{}'.format(name))
        fn = getattr(self.xtdata, name)
        box = None
        if name in XTDATA_SUBSCRIBERS:
            box = {'id': None, 'pending': []}
            kwargs = dict(kwargs)
            kwargs['callback'] = self._quote_callback(box)
        check_arity(fn, args, kwargs, 'xtdata.' + name)

        def run():
            return fn(*args, **kwargs)

        try:
            result = await asyncio.wait_for(
                asyncio.wrap_future(self.data_executor.submit(run)), self.config.call_timeout)
        except asyncio.TimeoutError:
            raise BridgeError('TIMEOUT', 'xtdata.{} did not return in {}s'.format(
                name, self.config.call_timeout))
        if box is not None:
            box['id'] = result
            for data in box['pending']:
                self._emit({'type': 'quote', 'sub_id': result, 'data': data})
            box['pending'] = []
        return result

    def _quote_callback(self, box):
        def deliver(data):
            if box['id'] is None:
                box['pending'].append(data)
            else:
                self._emit({'type': 'quote', 'sub_id': box['id'], 'data': data})

        def on_quote(data):
            # xtdata's thread: copy, then hand over to the loop like trader callbacks.
            payload = to_jsonable(data)
            try:
                self.loop.call_soon_threadsafe(deliver, payload)
            except RuntimeError:
                pass

        return on_quote


def error_reply(request_id, code, message):
    """A failed request answers its id; a line with no usable id gets a bare error."""
    if request_id is None:
        return {'type': 'error', 'code': code, 'message': message}
    return {'type': 'response', 'id': request_id, 'ok': False,
            'error': {'code': code, 'message': message}}


# --- configuration ----------------------------------------------------------------------------

def parse_args(argv, environ):
    def env(name, default=None):
        return environ.get(name, default)

    parser = argparse.ArgumentParser(
        prog='qmt_bridge', description='JSON-lines TCP bridge from qmt-gateway to miniQMT.')
    parser.add_argument('--host', default=env('QMT_BRIDGE_HOST', '127.0.0.1'))
    parser.add_argument('--port', type=int, default=int(env('QMT_BRIDGE_PORT', '58620')),
                        help='0 picks a free port; the bound port is printed on stdout')
    parser.add_argument('--token-env', default=env('QMT_BRIDGE_TOKEN_ENV', 'QMT_BRIDGE_TOKEN'),
                        help='name of the environment variable holding the shared token')
    parser.add_argument('--token-file', default=env('QMT_BRIDGE_TOKEN_FILE'),
                        help='file holding the shared token (wins over the variable)')
    parser.add_argument('--userdata', default=env('QMT_USERDATA_PATH', ''),
                        help="miniQMT's userdata_mini folder")
    parser.add_argument('--session-id', type=int,
                        default=int(env('QMT_BRIDGE_SESSION_ID')) if env(
                            'QMT_BRIDGE_SESSION_ID') else None,
                        help='session id of the first trader (later ones are always fresh)')
    parser.add_argument('--tls-cert', default=env('QMT_BRIDGE_TLS_CERT'))
    parser.add_argument('--tls-key', default=env('QMT_BRIDGE_TLS_KEY'))
    parser.add_argument('--tls-client-ca', default=env('QMT_BRIDGE_TLS_CLIENT_CA'),
                        help='CA file; when set, clients must present a certificate it signed')
    parser.add_argument('--log-level', default=env('QMT_BRIDGE_LOG_LEVEL', 'INFO'))
    parser.add_argument('--heartbeat-interval', type=float,
                        default=float(env('QMT_BRIDGE_HEARTBEAT_INTERVAL', '5')))
    parser.add_argument('--heartbeat-timeout', type=float,
                        default=float(env('QMT_BRIDGE_HEARTBEAT_TIMEOUT', '15')))
    parser.add_argument('--handshake-timeout', type=float, default=10.0)
    parser.add_argument('--call-timeout', type=float,
                        default=float(env('QMT_BRIDGE_CALL_TIMEOUT', '30')))
    parser.add_argument('--reconnect-initial', type=float,
                        default=float(env('QMT_BRIDGE_RECONNECT_INITIAL', '1')))
    parser.add_argument('--reconnect-max', type=float,
                        default=float(env('QMT_BRIDGE_RECONNECT_MAX', '60')))
    parser.add_argument('--backlog', type=int, default=10000,
                        help='events kept while no client is connected')
    parser.add_argument('--max-send-queue', type=int, default=100000)
    config = parser.parse_args(argv)
    if bool(config.tls_cert) != bool(config.tls_key):
        parser.error('--tls-cert and --tls-key go together')
    if config.tls_client_ca and not config.tls_cert:
        parser.error('--tls-client-ca needs --tls-cert and --tls-key')
    return config


def load_token(config, environ):
    """The shared token from a file or a variable; its value is never logged."""
    if config.token_file:
        with open(config.token_file, 'r', encoding='utf-8') as handle:
            token = handle.read().strip()
    else:
        token = environ.get(config.token_env, '')
    if not token:
        raise SystemExit('qmt_bridge: no token (set {} or --token-file)'.format(config.token_env))
    return token


def import_xtquant():
    from xtquant import xtconstant, xttrader, xttype
    try:
        from xtquant import xtdata
    except Exception:  # noqa: BLE001 -- trading still works without market data
        log.exception('xtdata unavailable')
        xtdata = None
    return {'xttrader': xttrader, 'xttype': xttype, 'xtconstant': xtconstant, 'xtdata': xtdata}


async def serve(config, token, modules, ready=None):
    """Runs the bridge until cancelled or SIGINT/SIGTERM; `ready(bridge)` once it listens."""
    bridge = Bridge(config, token, modules)
    await bridge.start()
    loop = asyncio.get_event_loop()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, bridge.stopping.set)
            except (NotImplementedError, RuntimeError):
                pass  # Windows: Ctrl+C arrives as KeyboardInterrupt instead
    if ready is not None:
        ready(bridge)
    try:
        await bridge.stopping.wait()
    finally:
        await bridge.stop()


def main(argv=None, environ=None):
    environ = os.environ if environ is None else environ
    config = parse_args(sys.argv[1:] if argv is None else argv, environ)
    logging.basicConfig(level=config.log_level.upper(), stream=sys.stderr,
                        format='%(asctime)s %(levelname)s %(name)s %(message)s')
    token = load_token(config, environ)
    modules = import_xtquant()

    def announce(bridge):
        # Tests (and service wrappers) start with --port 0 and read the bound port here.
        print(json.dumps({'listening': {'host': config.host, 'port': bridge.port}}), flush=True)

    try:
        asyncio.run(serve(config, token, modules, ready=announce))
    except KeyboardInterrupt:
        pass
    # A sync xtquant call that never returns keeps its command thread alive, and the
    # interpreter joins executor threads at exit: leave without waiting for them.
    logging.shutdown()
    sys.stdout.flush()
    os._exit(0)


if __name__ == '__main__':
    main()
