"""Fake xttrader: XtQuantTrader over an in-process broker, for the bridge's tests only.

What it reproduces from the real wrapper (xtquant-api.md sections 3 and 5):
- every push and every async response runs serially on ONE worker thread per trader, and an
  exception raised in a callback vanishes;
- connect() is one-shot and never reconnects; on_connected is never called;
- after on_disconnected the trader is dead, and its session id lingers at the "client": a new
  trader with the same id is refused (quirk 5.1), so the caller must pick a fresh one;
- order ids are returned before the outcome; statuses 48 -> 50 -> 56 (or 57 with a
  [COUNTER][code][text] status_msg and an on_order_error after the async response);
  cancels answer 0 then 51/52 -> 54/53; the order echo carries the broker price type (50 limit,
  88 best-5 market), not the submitted one (quirk 5.11).

Test hooks live on the broker returned by fake_broker(): force_disconnect(), fail_next_connects(n),
rest_codes (orders on these codes stay working), reset(). The environment can preset them for a
bridge started as a separate process (FAKE_XTQUANT_ACCOUNTS, FAKE_XTQUANT_CONNECT_FAILURES,
FAKE_XTQUANT_REST_CODES), and SIGUSR1 forces a disconnect of every live trader.
"""

import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from . import xtconstant as C
from . import xttype as T

BROKER_LIMIT = 50
BROKER_MARKET_BEST5 = 88
BROKER_MARKET = 49
_LIVE_STATUSES = (C.ORDER_REPORTED, C.ORDER_PART_SUCC)

DEFAULT_ACCOUNTS = [
    {'account_id': '8880001', 'account_type': C.SECURITY_ACCOUNT, 'cash': 1000000.0,
     'positions': {'600000.SH': 10000}},
]
REFERENCE_PRICES = {'600000.SH': 10.0, '000001.SZ': 12.0, '510300.SH': 4.0}


class XtQuantTraderCallback(object):
    """Every handler of the real callback class, all no-ops."""

    def on_connected(self):
        pass

    def on_disconnected(self):
        pass

    def on_account_status(self, status):
        pass

    def on_stock_asset(self, asset):
        pass

    def on_stock_order(self, order):
        pass

    def on_stock_trade(self, trade):
        pass

    def on_stock_position(self, position):
        pass

    def on_order_error(self, order_error):
        pass

    def on_cancel_error(self, cancel_error):
        pass

    def on_order_stock_async_response(self, response):
        pass

    def on_cancel_order_stock_async_response(self, response):
        pass

    def on_smt_appointment_async_response(self, response):
        pass

    def on_bank_transfer_async_response(self, response):
        pass

    def on_ctp_internal_transfer_async_response(self, response):
        pass


class _Account(object):
    def __init__(self, spec):
        self.account_id = str(spec['account_id'])
        self.account_type = int(spec.get('account_type', C.SECURITY_ACCOUNT))
        self.cash = float(spec.get('cash', 0.0))
        self.frozen_cash = 0.0
        # code -> [volume, can_use, frozen, cost, yesterday]; opening holdings are sellable (T+1).
        self.positions = {}
        for code, volume in spec.get('positions', {}).items():
            self.positions[code] = [int(volume), int(volume), 0, REFERENCE_PRICES.get(code, 10.0)
                                    * int(volume), int(volume)]


class FakeBroker(object):
    """The miniQMT client plus counter: state that outlives any one XtQuantTrader."""

    def __init__(self):
        self.lock = threading.RLock()
        self.reset()

    def reset(self, accounts=None):
        with self.lock:
            specs = accounts
            if specs is None:
                raw = os.environ.get('FAKE_XTQUANT_ACCOUNTS')
                specs = json.loads(raw) if raw else DEFAULT_ACCOUNTS
            self.accounts = dict((a.account_id, a) for a in (_Account(s) for s in specs))
            self.orders = {}
            self.trades = []
            self.next_order_id = 1001
            self.next_sysid = 5001
            self.next_trade_id = 9001
            self.live = []
            self.sessions_connected = []
            self.lingering = set()
            self.connect_failures = int(os.environ.get('FAKE_XTQUANT_CONNECT_FAILURES', '0'))
            self.connect_attempts = []
            rest = os.environ.get('FAKE_XTQUANT_REST_CODES', '')
            self.rest_codes = set(c for c in rest.split(',') if c)

    # --- test hooks -------------------------------------------------------------------------

    def fail_next_connects(self, count):
        with self.lock:
            self.connect_failures = count

    def force_disconnect(self):
        """The client drops every session: on_disconnected once each, then silence."""
        with self.lock:
            dropped, self.live = self.live, []
            for trader in dropped:
                self.lingering.add(trader.session_id)
                trader._connected = False
        for trader in dropped:
            trader._push('on_disconnected')

    # --- used by the traders ----------------------------------------------------------------

    def attach(self, trader):
        with self.lock:
            self.connect_attempts.append(trader.session_id)
            if self.connect_failures > 0:
                self.connect_failures -= 1
                return -1
            in_use = any(t.session_id == trader.session_id for t in self.live)
            if in_use or trader.session_id in self.lingering:
                return -1
            self.live.append(trader)
            self.sessions_connected.append(trader.session_id)
            return 0

    def detach(self, trader):
        with self.lock:
            if trader in self.live:
                self.live.remove(trader)

    def broadcast(self, account_id, name, obj):
        """Pushes go to every live trader that subscribed the account."""
        with self.lock:
            targets = [t for t in self.live if account_id in t._subscribed]
        for trader in targets:
            trader._push(name, obj)


_BROKER = FakeBroker()


def fake_broker():
    return _BROKER


def _install_signal_hook():
    """SIGUSR1 = the client dropped us; lets a test drive a bridge running as a process."""
    if not hasattr(signal, 'SIGUSR1'):
        return
    if threading.current_thread() is not threading.main_thread():
        return

    def on_signal(_signum, _frame):
        # A signal handler must not take the broker lock the interrupted code may hold.
        threading.Thread(target=_BROKER.force_disconnect, daemon=True).start()

    signal.signal(signal.SIGUSR1, on_signal)


_install_signal_hook()


class XtQuantTrader(object):
    def __init__(self, path, session, callback=None):
        self.path = path
        self.session_id = int(session)
        self.callback = callback
        self._connected = False
        self._seq = 0
        self._subscribed = set()
        self._executor = None
        self._broker = _BROKER

    # --- lifecycle --------------------------------------------------------------------------

    def register_callback(self, callback):
        self.callback = callback

    def start(self):
        self._executor = ThreadPoolExecutor(max_workers=1,
                                            thread_name_prefix='fake-xtquant-push')

    def connect(self):
        if self._executor is None:
            return -1
        result = self._broker.attach(self)
        self._connected = result == 0
        return result

    def stop(self):
        self._connected = False
        self._broker.detach(self)
        if self._executor is not None:
            self._executor.shutdown(wait=True)

    def run_forever(self):
        while True:
            time.sleep(3)

    def set_relaxed_response_order_enabled(self, enabled):
        pass

    def subscribe(self, account):
        if not self._connected or account.account_id not in self._broker.accounts:
            return -1
        self._subscribed.add(account.account_id)
        return 0

    def unsubscribe(self, account):
        if not self._connected:
            return -1
        self._subscribed.discard(account.account_id)
        return 0

    # --- orders -----------------------------------------------------------------------------

    def order_stock(self, account, stock_code, order_type, order_volume, price_type, price,
                    strategy_name='', order_remark=''):
        if not self._connected:
            return -1
        order_id, _ = self._place(account, stock_code, order_type, order_volume, price_type,
                                  price, strategy_name, order_remark, seq=None)
        return order_id

    def order_stock_async(self, account, stock_code, order_type, order_volume, price_type,
                          price, strategy_name='', order_remark=''):
        if not self._connected:
            return -1
        seq = self._next_seq()
        self._place(account, stock_code, order_type, order_volume, price_type, price,
                    strategy_name, order_remark, seq=seq)
        return seq

    def cancel_order_stock(self, account, order_id):
        if not self._connected:
            return -1
        return self._cancel(account, int(order_id), None, seq=None)

    def cancel_order_stock_async(self, account, order_id):
        if not self._connected:
            return -1
        seq = self._next_seq()
        self._cancel(account, int(order_id), None, seq=seq)
        return seq

    def cancel_order_stock_sysid(self, account, market, sysid):
        if not self._connected:
            return -1
        return self._cancel(account, None, str(sysid), seq=None)

    def cancel_order_stock_sysid_async(self, account, market, sysid):
        if not self._connected:
            return -1
        seq = self._next_seq()
        self._cancel(account, None, str(sysid), seq=seq)
        return seq

    # --- queries ----------------------------------------------------------------------------

    def query_account_infos(self):
        if not self._connected:
            return None
        return [T.XtAccountInfo(account_type=a.account_type, account_id=a.account_id,
                                broker_type=a.account_type, login_status=C.ACCOUNT_STATUS_OK)
                for a in self._broker.accounts.values()]

    query_account_info = query_account_infos

    def query_account_status(self):
        if not self._connected:
            return None
        return [T.XtAccountStatus(account_type=a.account_type, account_id=a.account_id,
                                  status=C.ACCOUNT_STATUS_OK)
                for a in self._broker.accounts.values()]

    def query_stock_asset(self, account):
        ledger = self._ledger(account)
        if not self._connected or ledger is None:
            return None
        with self._broker.lock:
            return self._asset(ledger)

    def query_stock_order(self, account, order_id):
        if not self._connected:
            return None
        with self._broker.lock:
            order = self._broker.orders.get(int(order_id))
            if order is None or order['account'].account_id != account.account_id:
                return None
            return self._order_obj(order)

    def query_stock_orders(self, account, cancelable_only=False):
        if not self._connected:
            return None
        with self._broker.lock:
            return [self._order_obj(o) for o in self._broker.orders.values()
                    if o['account'].account_id == account.account_id
                    and (not cancelable_only or o['status'] in _LIVE_STATUSES)]

    def query_stock_trades(self, account):
        if not self._connected:
            return None
        with self._broker.lock:
            return [t for t in self._broker.trades if t.account_id == account.account_id]

    def query_stock_positions(self, account):
        ledger = self._ledger(account)
        if not self._connected or ledger is None:
            return None
        with self._broker.lock:
            return [self._position(ledger, code) for code in sorted(ledger.positions)]

    def query_stock_position(self, account, stock_code):
        ledger = self._ledger(account)
        if not self._connected or ledger is None or stock_code not in ledger.positions:
            return None
        with self._broker.lock:
            return self._position(ledger, stock_code)

    def query_new_purchase_limit(self, account):
        return {'KCB': 0, 'SH': 0, 'SZ': 0}

    def query_ipo_data(self):
        return {}

    # --- internals --------------------------------------------------------------------------

    def _next_seq(self):
        self._seq += 1
        return self._seq

    def _ledger(self, account):
        return self._broker.accounts.get(getattr(account, 'account_id', None))

    def _push(self, name, obj=None):
        """Queue one callback on this trader's single worker thread; exceptions vanish."""
        callback = self.callback
        executor = self._executor
        if callback is None or executor is None:
            return

        def run():
            try:
                handler = getattr(callback, name)
                if obj is None:
                    handler()
                else:
                    handler(obj)
            except Exception:  # noqa: BLE001 -- the real wrapper swallows these too
                pass

        try:
            executor.submit(run)
        except RuntimeError:
            pass  # executor shut down: a stopped trader receives nothing

    def _place(self, account, stock_code, order_type, order_volume, price_type, price,
               strategy_name, order_remark, seq):
        broker = self._broker
        with broker.lock:
            ledger = self._ledger(account)
            order_id = broker.next_order_id
            broker.next_order_id += 1
            if ledger is None:
                if seq is not None:
                    self._push('on_order_stock_async_response', T.XtOrderResponse(
                        account_type=C.SECURITY_ACCOUNT, account_id=str(account.account_id),
                        order_id=-1, strategy_name=strategy_name, order_remark=order_remark,
                        error_msg=u'账号不存在', seq=seq))
                return -1, None
            limit = float(price) if int(price_type) == C.FIX_PRICE else None
            fill_price = limit if limit is not None else REFERENCE_PRICES.get(stock_code, 10.0)
            order = {
                'account': ledger, 'order_id': order_id, 'sysid': '', 'code': stock_code,
                'order_type': int(order_type), 'volume': int(order_volume),
                'price_type': _broker_price_type(int(price_type)),
                'price': limit if limit is not None else 0.0, 'fill_price': fill_price,
                'traded': 0, 'status': C.ORDER_UNREPORTED, 'msg': '',
                'strategy': strategy_name[:23], 'remark': order_remark,
                'time': int(time.time()), 'frozen': 0.0,
            }
            broker.orders[order_id] = order
            if seq is not None:
                # The wrapper hard-codes account_type 2 in XtOrderResponse (quirk 5.22).
                self._push('on_order_stock_async_response', T.XtOrderResponse(
                    account_type=C.SECURITY_ACCOUNT, account_id=ledger.account_id,
                    order_id=order_id, strategy_name=order['strategy'],
                    order_remark=order_remark, error_msg='', seq=seq))
            refusal = self._admit(order)
            if refusal is not None:
                self._reject(order, refusal, seq)
                return order_id, order
            self._emit_order(order)
            order['sysid'] = str(broker.next_sysid)
            broker.next_sysid += 1
            order['status'] = C.ORDER_REPORTED
            self._emit_order(order)
            if stock_code not in broker.rest_codes:
                self._fill(order, order['volume'] - order['traded'])
            return order_id, order

    def _admit(self, order):
        ledger = order['account']
        if order['volume'] <= 0:
            return 200002, u'委托数量错误'
        if _is_buy(order['order_type']):
            amount = order['fill_price'] * order['volume']
            if amount > ledger.cash + 1e-9:
                return 260200, u'可用资金不足'
            ledger.cash -= amount
            ledger.frozen_cash += amount
            order['frozen'] = amount
            return None
        holding = ledger.positions.get(order['code'])
        if holding is None or holding[1] < order['volume']:
            return 260300, u'可用股份不足'
        holding[1] -= order['volume']
        holding[2] += order['volume']
        return None

    def _reject(self, order, refusal, seq):
        code, text = refusal
        order['status'] = C.ORDER_JUNK
        order['sysid'] = 'xt{}'.format(order['order_id'])
        order['msg'] = u'[COUNTER][{}][{}]'.format(code, text)
        self._emit_order(order)
        self._broadcast_or_self(order, 'on_order_error', T.XtOrderError(
            account_type=order['account'].account_type, account_id=order['account'].account_id,
            order_id=order['order_id'], error_id=-61,
            error_msg=u'{} [{}] [COUNTER] [{}][{}]'.format(
                _order_words(order), _counter_code(order['code']), code, text),
            strategy_name=order['strategy'], order_remark=order['remark'],
            seq=seq if seq is not None else 0))

    def _fill(self, order, volume):
        broker = self._broker
        ledger = order['account']
        price = order['fill_price']
        amount = price * volume
        order['traded'] += volume
        holding = ledger.positions.setdefault(order['code'], [0, 0, 0, 0.0, 0])
        if _is_buy(order['order_type']):
            ledger.frozen_cash -= amount
            order['frozen'] -= amount
            holding[0] += volume
            holding[3] += amount
        else:
            ledger.cash += amount
            holding[3] -= holding[3] / holding[0] * volume
            holding[0] -= volume
            holding[2] -= volume
        trade = T.XtTrade(
            account_type=ledger.account_type, account_id=ledger.account_id,
            stock_code=order['code'], order_type=order['order_type'],
            traded_id=str(broker.next_trade_id), traded_time=int(time.time()),
            traded_price=price, traded_volume=volume, traded_amount=amount,
            order_id=order['order_id'], order_sysid=order['sysid'],
            strategy_name=order['strategy'], order_remark=order['remark'],
            direction=C.DIRECTION_FLAG_LONG, offset_flag=_offset(order['order_type']),
            commission=0.0)
        broker.next_trade_id += 1
        broker.trades.append(trade)
        self._broadcast_or_self(order, 'on_stock_trade', trade)
        order['status'] = (C.ORDER_SUCCEEDED if order['traded'] >= order['volume']
                           else C.ORDER_PART_SUCC)
        self._emit_order(order)
        self._broadcast_or_self(order, 'on_stock_position', self._position(ledger, order['code']))
        self._broadcast_or_self(order, 'on_stock_asset', self._asset(ledger))

    def _cancel(self, account, order_id, sysid, seq):
        broker = self._broker
        with broker.lock:
            order = None
            for candidate in broker.orders.values():
                if candidate['account'].account_id != account.account_id:
                    continue
                if (order_id is not None and candidate['order_id'] == order_id) or \
                        (sysid is not None and candidate['sysid'] == sysid):
                    order = candidate
                    break
            live = order is not None and order['status'] in _LIVE_STATUSES
            ledger = self._ledger(account)
            account_type = ledger.account_type if ledger is not None else C.SECURITY_ACCOUNT
            if seq is not None:
                self._push('on_cancel_order_stock_async_response', T.XtCancelOrderResponse(
                    account_type=C.SECURITY_ACCOUNT, account_id=str(account.account_id),
                    cancel_result=0 if live else -1,
                    order_id=order['order_id'] if order is not None else (order_id or 0),
                    order_sysid=sysid or (order['sysid'] if order is not None else ''),
                    seq=seq, error_msg='' if live else u'委托不可撤'))
            if not live:
                self._push('on_cancel_error', T.XtCancelError(
                    account_type=account_type, account_id=str(account.account_id),
                    order_id=order['order_id'] if order is not None else (order_id or 0),
                    market=_market(order['code']) if order is not None else 0,
                    order_sysid=sysid or (order['sysid'] if order is not None else ''),
                    error_id=-1,
                    error_msg=u'委托不存在' if order is None else u'委托已完成，不能撤单'))
                return -1
            filled = order['traded'] > 0
            order['status'] = C.ORDER_PARTSUCC_CANCEL if filled else C.ORDER_REPORTED_CANCEL
            self._emit_order(order)
            remaining = order['volume'] - order['traded']
            if _is_buy(order['order_type']):
                order['account'].cash += order['frozen']
                order['account'].frozen_cash -= order['frozen']
                order['frozen'] = 0.0
            else:
                holding = order['account'].positions[order['code']]
                holding[1] += remaining
                holding[2] -= remaining
            order['status'] = C.ORDER_PART_CANCEL if filled else C.ORDER_CANCELED
            self._emit_order(order)
            self._broadcast_or_self(order, 'on_stock_asset', self._asset(order['account']))
            return 0

    def _broadcast_or_self(self, order, name, obj):
        """Pushes reach subscribers; the placing session hears its own order even unsubscribed."""
        account_id = order['account'].account_id
        with self._broker.lock:
            targets = [t for t in self._broker.live if account_id in t._subscribed]
        if self not in targets and self._connected:
            targets.append(self)
        for trader in targets:
            trader._push(name, obj)

    def _emit_order(self, order):
        self._broadcast_or_self(order, 'on_stock_order', self._order_obj(order))

    def _order_obj(self, order):
        ledger = order['account']
        return T.XtOrder(
            account_type=ledger.account_type, account_id=ledger.account_id,
            stock_code=order['code'], order_id=order['order_id'], order_sysid=order['sysid'],
            order_time=order['time'], order_type=order['order_type'],
            order_volume=order['volume'], price_type=order['price_type'],
            price=order['price'], traded_volume=order['traded'],
            traded_price=order['fill_price'] if order['traded'] > 0 else 0.0,
            order_status=order['status'], status_msg=order['msg'],
            strategy_name=order['strategy'], order_remark=order['remark'],
            direction=C.DIRECTION_FLAG_LONG, offset_flag=_offset(order['order_type']))

    def _asset(self, ledger):
        market_value = sum(REFERENCE_PRICES.get(code, 10.0) * p[0]
                           for code, p in ledger.positions.items())
        return T.XtAsset(account_type=ledger.account_type, account_id=ledger.account_id,
                         cash=ledger.cash, frozen_cash=ledger.frozen_cash,
                         market_value=market_value,
                         total_asset=ledger.cash + ledger.frozen_cash + market_value,
                         fetch_balance=ledger.cash)

    def _position(self, ledger, code):
        volume, can_use, frozen, cost, yesterday = ledger.positions[code]
        last = REFERENCE_PRICES.get(code, 10.0)
        avg = cost / volume if volume else 0.0
        return T.XtPosition(account_type=ledger.account_type, account_id=ledger.account_id,
                            stock_code=code, volume=volume, can_use_volume=can_use,
                            open_price=avg, market_value=last * volume, frozen_volume=frozen,
                            on_road_volume=0, yesterday_volume=yesterday, avg_price=avg,
                            direction=C.DIRECTION_FLAG_LONG, last_price=last)


def _order_words(order):
    """How the terminal names the order in an error text: 限价买入, 市价卖出..."""
    kind = u'限价' if order['price_type'] == BROKER_LIMIT else u'市价'
    return kind + (u'买入' if _is_buy(order['order_type']) else u'卖出')


def _counter_code(code):
    """'600000.SH' as the counter writes it in error texts: 'SH600000' (xtquant-api 5.7)."""
    number, _, market = code.partition('.')
    return market + number if market else code


def _is_buy(order_type):
    return order_type in (C.STOCK_BUY, C.CREDIT_FIN_BUY)


def _offset(order_type):
    return C.OFFSET_FLAG_OPEN if _is_buy(order_type) else C.OFFSET_FLAG_CLOSE


def _market(code):
    if code.endswith('.SH'):
        return C.SH_MARKET
    if code.endswith('.BJ'):
        return C.MARKET_ENUM_BEIJING
    return C.SZ_MARKET


def _broker_price_type(price_type):
    if price_type == C.FIX_PRICE:
        return BROKER_LIMIT
    if price_type in (C.MARKET_SH_CONVERT_5_CANCEL, C.MARKET_SZ_CONVERT_5_CANCEL):
        return BROKER_MARKET_BEST5
    return BROKER_MARKET
