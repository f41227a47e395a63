"""The real program under python3: flags, token file, port announcement, SIGUSR1 disconnect."""

import json
import os
import signal
import subprocess
import sys
import tempfile
import unittest

from . import FAKE_XTQUANT
from .harness import ACCOUNT, Client

BRIDGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                      'qmt_bridge.py')


@unittest.skipUnless(hasattr(signal, 'SIGUSR1'), 'needs SIGUSR1 to drive the fake')
class ProcessTest(unittest.TestCase):
    def start(self, *flags, **env):
        environ = dict(os.environ, PYTHONPATH=FAKE_XTQUANT, **env)
        process = subprocess.Popen(
            [sys.executable, BRIDGE, '--port', '0', '--reconnect-initial', '0.05'] + list(flags),
            env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(self.stop, process)
        return process

    def stop(self, process):
        if process.poll() is None:
            process.terminate()
            process.wait(10)
        process.stdout.close()
        process.stderr.close()

    def test_token_from_a_file_never_reaches_the_log(self):
        with tempfile.NamedTemporaryFile('w', suffix='.token', delete=False) as handle:
            handle.write('file-token-xyz\n')
        self.addCleanup(os.unlink, handle.name)
        process = self.start('--token-file', handle.name, '--log-level', 'DEBUG',
                             '--session-id', '777001')
        port = json.loads(process.stdout.readline())['listening']['port']
        client = Client(port)
        self.addCleanup(client.close)
        welcome = client.hello(token='file-token-xyz')
        self.assertEqual(welcome['type'], 'welcome')
        self.assertEqual(client.call('subscribe', ACCOUNT), 0)
        self.assertEqual(client.call('bridge.status')['session_id'], 777001)
        os.kill(process.pid, signal.SIGUSR1)
        client.expect(lambda m: m.get('callback') == 'on_disconnected')
        back = client.expect(lambda m: m.get('type') == 'status' and m['trader'] == 'connected')
        self.assertNotEqual(back['session_id'], 777001)
        self.assertEqual(back['accounts'], [ACCOUNT])
        process.terminate()
        self.assertEqual(process.wait(10), 0)
        log = process.stderr.read().decode('utf-8', 'replace')
        self.assertIn('recreating the trader', log)
        self.assertNotIn('file-token-xyz', log)

    def test_no_token_is_a_refusal_to_start(self):
        environ = dict(os.environ, PYTHONPATH=FAKE_XTQUANT)
        environ.pop('QMT_BRIDGE_TOKEN', None)
        result = subprocess.run([sys.executable, BRIDGE, '--port', '0'], env=environ,
                                capture_output=True, timeout=20)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b'no token', result.stderr)


if __name__ == '__main__':
    unittest.main()
