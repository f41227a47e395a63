"""Bridge tests: the fake xtquant package must shadow any real one before anything imports it."""

import logging
import os
import sys

FAKE_XTQUANT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake_xtquant')
if FAKE_XTQUANT not in sys.path:
    sys.path.insert(0, FAKE_XTQUANT)

# The bridge logs refusals and reconnects as warnings; keep test output to the results.
logging.basicConfig(level=os.environ.get('QMT_BRIDGE_TEST_LOG', 'CRITICAL'))
