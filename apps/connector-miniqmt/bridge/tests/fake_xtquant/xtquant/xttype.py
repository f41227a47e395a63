"""xttype classes with the real field names (xtquant-api.md section 2).

The real package fills these from native objects; here they are plain attribute bags so the
bridge's generic converter sees what it would see on a real terminal.
"""

from . import xtconstant


class StockAccount(object):
    """Reproduces the real quirk: a non-str account id yields an error string, not an account."""

    def __new__(cls, account_id, account_type='STOCK'):
        if not isinstance(account_id, str):
            return u'资金账号必须为字符串类型'
        return super(StockAccount, cls).__new__(cls)

    def __init__(self, account_id, account_type='STOCK'):
        by_name = dict((v, k) for k, v in xtconstant.ACCOUNT_TYPE_DICT.items())
        key = str(account_type).upper()
        if key not in by_name:
            raise Exception(u'不支持的账号类型：{}'.format(account_type))
        self.account_type = by_name[key]
        self.account_id = account_id


class _Record(object):
    """Fields given as keywords; every name in _FIELDS is always present (default 0/'')."""

    _FIELDS = ()

    def __init__(self, **values):
        for name, default in self._FIELDS:
            setattr(self, name, values.pop(name, default))
        if values:
            raise TypeError('unknown fields {}'.format(sorted(values)))


class XtAsset(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('cash', 0.0), ('frozen_cash', 0.0),
              ('market_value', 0.0), ('total_asset', 0.0), ('fetch_balance', 0.0))


class XtOrder(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('stock_code', ''), ('order_id', 0),
              ('order_sysid', ''), ('order_time', 0), ('order_type', 0), ('order_volume', 0),
              ('price_type', 0), ('price', 0.0), ('traded_volume', 0), ('traded_price', 0.0),
              ('order_status', 0), ('status_msg', ''), ('strategy_name', ''),
              ('order_remark', ''), ('direction', 0), ('offset_flag', 0),
              ('instrument_name', ''), ('secu_account', ''))


class XtTrade(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('stock_code', ''), ('order_type', 0),
              ('traded_id', ''), ('traded_time', 0), ('traded_price', 0.0),
              ('traded_volume', 0), ('traded_amount', 0.0), ('order_id', 0),
              ('order_sysid', ''), ('strategy_name', ''), ('order_remark', ''),
              ('direction', 0), ('offset_flag', 0), ('commission', 0.0),
              ('instrument_name', ''), ('secu_account', ''))


class XtPosition(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('stock_code', ''), ('volume', 0),
              ('can_use_volume', 0), ('open_price', 0.0), ('market_value', 0.0),
              ('frozen_volume', 0), ('on_road_volume', 0), ('yesterday_volume', 0),
              ('avg_price', 0.0), ('direction', 0), ('instrument_name', ''),
              ('last_price', 0.0), ('profit_rate', 0.0), ('secu_account', ''),
              ('float_profit', 0.0))


class XtOrderError(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('order_id', 0), ('error_id', 0),
              ('error_msg', ''), ('strategy_name', ''), ('order_remark', ''), ('seq', 0))


class XtCancelError(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('order_id', 0), ('market', 0),
              ('order_sysid', ''), ('error_id', 0), ('error_msg', ''))


class XtOrderResponse(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('order_id', 0), ('strategy_name', ''),
              ('order_remark', ''), ('error_msg', ''), ('seq', 0))


class XtCancelOrderResponse(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('cancel_result', 0), ('order_id', 0),
              ('order_sysid', ''), ('seq', 0), ('error_msg', ''))


class XtAccountStatus(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('status', 0))


class XtAccountInfo(_Record):
    _FIELDS = (('account_type', 0), ('account_id', ''), ('broker_type', 0), ('platform_id', 0),
              ('account_classification', 0), ('login_status', 0))
