"""Fake xtdata: the calls the gateway needs, with the real shapes (xtquant-api.md section 4).

get_market_data returns frame objects that answer to_dict(orient='split') like a pandas
DataFrame, so the bridge's converter is exercised without pandas. Subscription callbacks run on
a thread of their own, as the native client's do.
"""

import calendar
import datetime
import threading
import time

_INSTRUMENTS = {
    '600000.SH': ('浦发银行', 10.0, 0.01),
    '000001.SZ': ('平安银行', 12.0, 0.01),
    '510300.SH': ('沪深300ETF', 4.0, 0.001),
}

_lock = threading.Lock()
_subscriptions = {}
_next_sub = [1]


class FakeFrame(object):
    """Just enough of pandas.DataFrame for the bridge: index, columns, to_dict('split')."""

    def __init__(self, index, columns, data):
        self.index = list(index)
        self.columns = list(columns)
        self._data = [list(row) for row in data]

    def to_dict(self, orient='dict'):
        if orient != 'split':
            raise ValueError('fake frame only knows orient=split')
        return {'index': list(self.index), 'columns': list(self.columns),
                'data': [list(row) for row in self._data]}


def _tick(code, last=None):
    name, pre_close, tick = _INSTRUMENTS[code]
    price = pre_close if last is None else last
    now_ms = int(time.time() * 1000)
    return {
        'time': now_ms,
        'timetag': time.strftime('%Y%m%d %H:%M:%S', time.localtime(now_ms / 1000)),
        'lastPrice': price, 'open': pre_close, 'high': max(price, pre_close),
        'low': min(price, pre_close), 'lastClose': pre_close, 'amount': 1000000.0,
        'volume': 1000, 'pvolume': 100000, 'stockStatus': 3, 'openInt': 13,
        'settlementPrice': 0.0, 'lastSettlementPrice': 0.0,
        'askPrice': [round(price + tick * i, 3) for i in range(1, 6)],
        'bidPrice': [round(price - tick * i, 3) for i in range(0, 5)],
        'askVol': [100, 200, 300, 400, 500], 'bidVol': [100, 200, 300, 400, 500],
        'transactionNum': 42,
    }


def get_full_tick(code_list):
    return dict((code, _tick(code)) for code in code_list if code in _INSTRUMENTS)


def get_instrument_detail(stock_code, iscomplete=False):
    if stock_code not in _INSTRUMENTS:
        return None
    name, pre_close, tick = _INSTRUMENTS[stock_code]
    code, market = stock_code.split('.')
    detail = {
        'ExchangeID': market, 'InstrumentID': code, 'InstrumentName': name,
        'ProductID': '', 'ProductName': '', 'ExchangeCode': code, 'UniCode': code,
        'CreateDate': '0', 'OpenDate': '19991110', 'ExpireDate': '99999999',
        'PreClose': pre_close, 'SettlementPrice': 0.0,
        'UpStopPrice': round(pre_close * 1.1, 2), 'DownStopPrice': round(pre_close * 0.9, 2),
        'FloatVolume': 1.0e9, 'TotalVolume': 1.2e9, 'PriceTick': tick, 'VolumeMultiple': 1,
        'InstrumentStatus': 0, 'IsTrading': True,
    }
    if iscomplete:
        detail.update({'MaxLimitOrderVolume': 1000000, 'MinLimitOrderVolume': 100,
                       'MaxMarketOrderVolume': 1000000, 'MinMarketOrderVolume': 100})
    return detail


def _minute_bars(count):
    """`count` one-minute bars ending at 14:59 of a fixed day (index YYYYMMDDhhmmss)."""
    times = []
    minute = 14 * 60 + 59
    for i in range(count):
        at = minute - (count - 1 - i)
        times.append('20261124{:02d}{:02d}00'.format(at // 60, at % 60))
    return times


def get_market_data(field_list=(), stock_list=(), period='1d', start_time='', end_time='',
                    count=-1, dividend_type='none', fill_data=True):
    fields = list(field_list) or ['open', 'high', 'low', 'close', 'volume', 'amount']
    times = _minute_bars(5 if count is None or count < 0 else count)
    codes = [c for c in stock_list if c in _INSTRUMENTS]
    out = {}
    for field in fields:
        rows = []
        for code in codes:
            base = _INSTRUMENTS[code][1]
            rows.append([1000 + i if field == 'volume' else base for i in range(len(times))])
        out[field] = FakeFrame(codes, times, rows)
    return out


def get_market_data_ex(field_list=(), stock_list=(), period='1d', start_time='', end_time='',
                       count=-1, dividend_type='none', fill_data=True):
    by_field = get_market_data(field_list, stock_list, period, start_time, end_time, count)
    fields = list(by_field)
    out = {}
    for row, code in enumerate(c for c in stock_list if c in _INSTRUMENTS):
        times = by_field[fields[0]].columns
        data = [[by_field[f]._data[row][i] for f in fields] for i in range(len(times))]
        out[code] = FakeFrame(times, fields, data)
    return out


def download_history_data(stock_code, period, start_time='', end_time='', incrementally=None):
    return None


def get_trading_dates(market, start_time='', end_time='', count=-1):
    """Weekdays as Unix ms at Shanghai midnight, like the real reply (no holiday table)."""
    start = _parse_day(start_time) or datetime.date(2026, 11, 2)
    end = _parse_day(end_time) or datetime.date(2026, 11, 30)
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            midnight_utc = calendar.timegm(day.timetuple()) - 8 * 3600
            days.append(midnight_utc * 1000)
        day += datetime.timedelta(days=1)
    return days if count is None or count < 0 else days[-count:] if count else []


def get_trading_calendar(market, start_time='', end_time=''):
    return [time.strftime('%Y%m%d', time.gmtime(ms / 1000 + 8 * 3600))
            for ms in get_trading_dates(market, start_time, end_time)]


def _parse_day(text):
    if not text:
        return None
    return datetime.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def subscribe_quote(stock_code, period='1d', start_time='', end_time='', count=0, callback=None):
    if stock_code not in _INSTRUMENTS:
        return -1
    return _subscribe([stock_code], callback, lambda tick: {stock_code: [tick]})


def subscribe_whole_quote(code_list, callback=None):
    codes = [c for c in _INSTRUMENTS if c in code_list or c.split('.')[1] in code_list]
    return _subscribe(codes, callback, None)


def _subscribe(codes, callback, shape):
    with _lock:
        sub_id = _next_sub[0]
        _next_sub[0] += 1
        _subscriptions[sub_id] = (codes, callback, shape)
    push_quote(codes[0] if codes else None, sub_ids=[sub_id])
    return sub_id


def unsubscribe_quote(seq):
    with _lock:
        _subscriptions.pop(seq, None)


def push_quote(code, last=None, sub_ids=None):
    """Test hook: one tick of `code` to every matching subscription, from a data thread."""
    with _lock:
        targets = [(i, s) for i, s in _subscriptions.items()
                   if (sub_ids is None or i in sub_ids) and code in s[0]]

    def deliver():
        for _, (codes, callback, shape) in targets:
            if callback is None:
                continue
            tick = _tick(code, last)
            callback(shape(tick) if shape is not None else {code: tick})

    if targets:
        threading.Thread(target=deliver, name='fake-xtdata-push', daemon=True).start()
