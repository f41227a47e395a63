"""TLS with a self-signed certificate made by openssl in the test (skipped without openssl)."""

import os
import shutil
import ssl
import subprocess
import tempfile
import unittest

from .harness import BridgeHarness, Client

OPENSSL = shutil.which('openssl')


def make_cert(directory, name):
    cert = os.path.join(directory, name + '.crt')
    key = os.path.join(directory, name + '.key')
    subprocess.run([OPENSSL, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
                    '-subj', '/CN=localhost', '-addext',
                    'subjectAltName=DNS:localhost,IP:127.0.0.1',
                    '-keyout', key, '-out', cert],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


@unittest.skipIf(OPENSSL is None, 'openssl is not on PATH')
class TlsTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        self.cert, self.key = make_cert(self.dir, 'server')

    def client_context(self, client_cert=None):
        context = ssl.create_default_context(cafile=self.cert)
        if client_cert is not None:
            context.load_cert_chain(*client_cert)
        return context

    def test_a_client_that_trusts_the_certificate_gets_the_welcome(self):
        harness = BridgeHarness('--tls-cert', self.cert, '--tls-key', self.key)
        self.addCleanup(harness.stop)
        client = Client(harness.port, wrap=self.client_context(), server_hostname='localhost')
        self.addCleanup(client.close)
        self.assertEqual(client.hello()['type'], 'welcome')
        self.assertEqual(client.sock.version() in ('TLSv1.2', 'TLSv1.3'), True)

    def test_a_plain_tcp_client_gets_nothing(self):
        harness = BridgeHarness('--tls-cert', self.cert, '--tls-key', self.key)
        self.addCleanup(harness.stop)
        client = Client(harness.port)
        self.addCleanup(client.close)
        client.send({'type': 'hello', 'token': 'x', 'protocol': 1})
        self.assertTrue(client.wait_closed())
        self.assertEqual(client.seen, [])

    def test_client_certificates_are_required_when_a_client_ca_is_set(self):
        client_cert = make_cert(self.dir, 'client')
        harness = BridgeHarness('--tls-cert', self.cert, '--tls-key', self.key,
                                '--tls-client-ca', client_cert[0])
        self.addCleanup(harness.stop)
        good = Client(harness.port, wrap=self.client_context(client_cert),
                      server_hostname='localhost')
        self.addCleanup(good.close)
        self.assertEqual(good.hello()['type'], 'welcome')
        with self.assertRaises((ssl.SSLError, OSError, AssertionError)):
            # TLS 1.3 reports a missing client certificate after the handshake, on first read.
            bad = Client(harness.port, wrap=self.client_context(), server_hostname='localhost')
            self.addCleanup(bad.close)
            bad.hello()


if __name__ == '__main__':
    unittest.main()
