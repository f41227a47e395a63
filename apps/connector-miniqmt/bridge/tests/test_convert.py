"""The generic converter and the StockAccount builder, as pure functions."""

import math
import unittest

import qmt_bridge
from xtquant import xtconstant, xttype


class Native(object):
    """Stands in for a native xtpythonclient object: attributes plus methods."""

    def __init__(self):
        self.order_id = 7
        self.price = float('nan')
        self.new_field_from_a_newer_build = u'kept'
        self._private = 'hidden'

    def method(self):
        return 'not data'


class Scalar(object):
    """numpy-like scalar: only tolist()."""

    def tolist(self):
        return 3


class ConvertTest(unittest.TestCase):
    def test_objects_become_their_public_data_attributes(self):
        self.assertEqual(qmt_bridge.to_jsonable(Native()), {
            'order_id': 7, 'price': None, 'new_field_from_a_newer_build': u'kept'})

    def test_containers_and_numbers(self):
        cases = [
            ((1, 2), [1, 2]),
            ({1: float('inf')}, {'1': None}),
            ([Scalar()], [3]),
            (u'中文'.encode('gb18030'), u'中文'),
            (True, True),
            (None, None),
            (2.5, 2.5),
        ]
        for value, expected in cases:
            self.assertEqual(qmt_bridge.to_jsonable(value), expected, value)

    def test_encode_refuses_nan_so_nothing_invalid_leaves_the_bridge(self):
        with self.assertRaises(ValueError):
            qmt_bridge.encode({'x': math.nan})


class ArityTest(unittest.TestCase):
    def test_arguments_that_cannot_bind_are_bad_args_before_any_call(self):
        def order(account, code, volume=100):
            raise AssertionError('must not run')

        for args, kwargs in (([], {}), ([1, 2, 3, 4], {}), ([1], {'nope': 1})):
            with self.assertRaises(qmt_bridge.BridgeError) as caught:
                qmt_bridge.check_arity(order, args, kwargs, 'order')
            self.assertEqual(caught.exception.code, 'BAD_ARGS')
        self.assertIsNone(qmt_bridge.check_arity(order, [1, 2], {'volume': 3}, 'order'))

    def test_a_callable_without_a_signature_is_not_checked(self):
        self.assertIsNone(qmt_bridge.check_arity(print, [1, 2, 3], {}, 'print'))


class AccountTest(unittest.TestCase):
    def make(self, ref):
        return qmt_bridge.make_account(xttype, xtconstant, ref)

    def test_int_and_name_types_build_the_same_account(self):
        for account_type in (2, 'STOCK', 'stock'):
            account = self.make({'account_id': '1', 'account_type': account_type})
            self.assertEqual((account.account_id, account.account_type), ('1', 2))
        credit = self.make({'account_id': '1', 'account_type': 3})
        self.assertEqual(credit.account_type, 3)

    def test_bad_accounts_are_bad_args(self):
        for ref in ({'account_id': 1, 'account_type': 2}, {'account_id': '', 'account_type': 2},
                    {'account_id': '1', 'account_type': 4},
                    {'account_id': '1', 'account_type': 'BOGUS'},
                    {'account_id': '1', 'account_type': True}):
            with self.assertRaises(qmt_bridge.BridgeError) as caught:
                self.make(ref)
            self.assertEqual(caught.exception.code, 'BAD_ARGS', ref)

    def test_only_exact_account_shapes_are_converted(self):
        self.assertTrue(qmt_bridge.is_account_ref({'account_id': '1', 'account_type': 2}))
        self.assertFalse(qmt_bridge.is_account_ref({'account_id': '1'}))
        self.assertFalse(qmt_bridge.is_account_ref(
            {'account_id': '1', 'account_type': 2, 'extra': 0}))


if __name__ == '__main__':
    unittest.main()
