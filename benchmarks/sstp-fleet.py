#!/usr/bin/env python3
"""The bulk-probe benchmark's fleet of MS-SSTP endpoints on 127.0.0.1, served by this one process.

    sstp-fleet.py --dir DIR --count N

DIR holds what `FleetCertificates` minted: root.pem, and per endpoint i endpoint-i.pem (its
certificate and the issuing CA's) and endpoint-i.key. Each endpoint listens on a port of its own
and answers as an SSTP listener does ([MS-SSTP] 2.2, the exchange of the probe tests' responder):
SSTP_DUPLEX_POST with HTTP 200, the Call Connect Request (2.2.9) with a 48-byte Call Connect Ack
(2.2.10: one Crypto Binding Request attribute, 2.2.7, SHA-256 and a random nonce), a Call
Disconnect with a Call Disconnect Ack. TLS is Python's ssl module (OpenSSL): the endpoints stand
in for servers on other machines, so they should take as little of the two cores the prober is
measured on as a real TLS server would.

It writes DIR/endpoints.txt ("127.0.0.1 port" a line) and then DIR/ready, serves until its
standard input ends or it gets SIGTERM, and then prints the SSTP calls served, the connections
that ended after the TLS handshake (the openssl s_client loop) and the failures.
"""
import argparse
import asyncio
import os
import signal
import ssl
import sys
import time

DUPLEX_POST = b"SSTP_DUPLEX_POST /sra_{BA195980-CD49-458b-9E23-C84EE0ADCD75}/ HTTP/1.1\r\n"
# [MS-SSTP] 2.2.9: version 1.0, control packet, length 14, one Encapsulated Protocol ID attribute: PPP
CALL_CONNECT_REQUEST = bytes.fromhex("1001000e" "00010001" "00010006" "0001")
# [MS-SSTP] 2.2.10 header and Crypto Binding Request attribute (2.2.7): id 4, length 40, SHA-256 (0x02)
ACK_HEAD = bytes.fromhex("10010030" "00020001" "00040028" "000000" "02")
# [MS-SSTP] 2.2.14 Call Disconnect Ack: a control packet without attributes
DISCONNECT_ACK = bytes.fromhex("1001000800070000")
OK = (b"HTTP/1.1 200\r\nContent-Length: 18446744073709551615\r\n"
      b"Server: Microsoft-HTTPAPI/2.0\r\n\r\n")
MAX_HEAD = 16 * 1024
TIMEOUT = 30


class Fleet:
    def __init__(self):
        self.served = 0
        self.tls_only = 0
        self.failed = 0
        self.first_failures = []

    def fail(self, what):
        self.failed += 1
        if len(self.first_failures) < 3:
            self.first_failures.append(what)

    async def read_packet(self, reader):
        head = await reader.readexactly(4)
        length = ((head[2] & 0x0F) << 8) | head[3]
        if head[0] != 0x10 or length < 4:
            raise ValueError("not an SSTP packet: " + head.hex())
        return head + await reader.readexactly(length - 4)

    async def serve(self, reader, writer):
        try:
            await asyncio.wait_for(self.exchange(reader, writer), TIMEOUT)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.TimeoutError, ValueError, ssl.SSLError) as e:
            self.fail(type(e).__name__ + ": " + str(e))
        finally:
            writer.close()

    async def exchange(self, reader, writer):
        first = await reader.read(1)
        if not first:
            self.tls_only += 1  # a TLS client that hangs up after the handshake (openssl s_client)
            return
        try:
            head = first + await reader.readuntil(b"\r\n\r\n")
        except asyncio.LimitOverrunError:
            self.fail("HTTP head over %d bytes" % MAX_HEAD)
            return
        if not head.startswith(DUPLEX_POST):
            writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            self.fail("not an SSTP request: %r" % head.split(b"\r\n", 1)[0])
            return
        writer.write(OK)
        request = await self.read_packet(reader)
        if request != CALL_CONNECT_REQUEST:
            self.fail("not a Call Connect Request: " + request.hex())
            return
        writer.write(ACK_HEAD + os.urandom(32))
        while True:
            try:
                p = await self.read_packet(reader)
            except asyncio.IncompleteReadError:
                break  # the client hung up without a Call Disconnect
            if len(p) >= 8 and p[1] & 1 and p[4] == 0 and p[5] == 6:  # Call Disconnect
                writer.write(DISCONNECT_ACK)
                await writer.drain()
                break
        self.served += 1


async def main():
    parser = argparse.ArgumentParser(description="MS-SSTP endpoints on 127.0.0.1 for the bulk-probe benchmark")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args()
    start = time.monotonic()
    fleet = Fleet()
    servers = []
    lines = []
    for i in range(args.count):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(args.dir, "endpoint-%d.pem" % i),
                                os.path.join(args.dir, "endpoint-%d.key" % i))
        server = await asyncio.start_server(fleet.serve, "127.0.0.1", 0, ssl=context, backlog=4096,
                                            limit=MAX_HEAD, ssl_handshake_timeout=TIMEOUT)
        servers.append(server)
        lines.append("127.0.0.1 %d\n" % server.sockets[0].getsockname()[1])
    with open(os.path.join(args.dir, "endpoints.txt"), "w") as f:
        f.writelines(lines)
    open(os.path.join(args.dir, "ready"), "w").close()
    print("fleet: %d MS-SSTP endpoints on 127.0.0.1 (ECDSA P-256, leaf + intermediate; Python %s, %s), "
          "ready in %.1f s" % (args.count, sys.version.split()[0], ssl.OPENSSL_VERSION, time.monotonic() - start),
          flush=True)

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    # serve until the standard input ends (the driver holds it open)
    loop.run_in_executor(None, lambda: (sys.stdin.buffer.read(), loop.call_soon_threadsafe(stop.set)))
    await stop.wait()
    for s in servers:
        s.close()
    print("fleet: %d SSTP calls served, %d TLS-only connections, %d failed%s" % (
        fleet.served, fleet.tls_only, fleet.failed,
        " (first: " + "; ".join(fleet.first_failures) + ")" if fleet.first_failures else ""), flush=True)
    os._exit(0)


if __name__ == "__main__":
    asyncio.run(main())
