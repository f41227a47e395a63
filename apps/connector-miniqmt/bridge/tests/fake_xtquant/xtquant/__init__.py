"""Fake xtquant for the bridge's tests only: the API surface the bridge uses, no native code.

Never ship this next to a real miniQMT: it would shadow the vendor package.
"""

FAKE = True
