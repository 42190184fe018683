"""The sandbox under abuse: ``python -m test.benchmarks.sandbox_abuse [REQUESTS]``.

Runs ``python -m TextMagic.sandbox`` in a process of its own and measures it (resident
memory and threads from /proc, so Linux only) while it takes:

1. REQUESTS (default 100,000) authenticated GETs over keep-alive connections;
2. five unauthenticated POSTs each announcing and sending 100 MB;
3. 1,500 half-open connections held open at once.

Reported: memory growth over the start, the time to answer a GET afterwards (median and
worst of 50), and the threads the server runs while the half-open connections are held,
against its ``--max-connections`` (100). Bars from issue 12: under 60 MB more, under
50 ms, at most the configured connections.
"""

import base64
import http.client
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time

AUTH = "Basic " + base64.b64encode(b"sandbox:sandbox-api-key").decode()
HALF_OPEN = 1500
MAX_CONNECTIONS = 100
MB = 1024 * 1024


def proc_status(pid, field):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def gets(port, count):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for number in range(count):
        connection.request(
            "GET", "/api/v2/sessions/%d" % (1 + number % 300), headers={"Authorization": AUTH}
        )
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
    connection.close()


def timed_gets(port, count=50):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        gets(port, 1)
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def stranger_post(port, size=100 * MB):
    """Announce and try to send ``size`` bytes without credentials; return the status
    the server answered."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(
        b"POST /api/v2/sessions/delete HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % size
    )
    block, sent = b"x" * MB, 0
    try:
        while sent < size:
            sock.sendall(block)
            sent += len(block)
    except OSError:
        pass  # the server answered and closed: the rest is never read
    try:
        answer = sock.recv(100)
    except OSError:
        answer = b""
    sock.close()
    return answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "reset"


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, HALF_OPEN + 500)), hard))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "TextMagic.sandbox",
            "--port",
            "0",
            "--quiet",
            "--rate-limit",
            "0",
            "--max-connections",
            str(MAX_CONNECTIONS),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        port = int(re.search(r":(\d+)", server.stdout.readline()).group(1))
        gets(port, 200)  # warm up
        start_rss = proc_status(server.pid, "VmRSS")
        started = time.monotonic()
        workers = [threading.Thread(target=gets, args=(port, total // 8)) for _ in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        requests_wall = time.monotonic() - started
        sent = [stranger_post(port) for _ in range(5)]
        time.sleep(0.5)
        after_rss = proc_status(server.pid, "VmRSS")
        median, worst = timed_gets(port)

        held = []
        for _ in range(HALF_OPEN):
            sock = socket.socket()
            sock.setblocking(False)
            try:
                sock.connect(("127.0.0.1", port))
            except BlockingIOError:
                pass
            held.append(sock)
        time.sleep(2)
        threads_held = proc_status(server.pid, "Threads")
        for sock in held:
            sock.close()
        time.sleep(0.5)
        median_after, worst_after = timed_gets(port)
    finally:
        server.terminate()
        server.wait(10)
        server.stdout.close()

    growth = (after_rss - start_rss) / 1024
    print("Sandbox abuse, Python %s" % sys.version.split()[0])
    print()
    print("| measure | value | bar |")
    print("|---|---|---|")
    print("| %d GETs | %.1f s (%.0f/s) | - |" % (total, requests_wall, total / requests_wall))
    print("| 5 unauthenticated 100 MB POSTs | answered %s | - |" % ", ".join(sent))
    print("| memory growth after both | %.1f MB | under 60 MB |" % growth)
    print(
        "| GET after both, median / worst of 50 | %.1f / %.1f ms | under 50 ms |"
        % (median * 1000, worst * 1000)
    )
    print(
        "| server threads with %d half-open connections | %d | at most %d + 2 |"
        % (HALF_OPEN, threads_held, MAX_CONNECTIONS)
    )
    print(
        "| GET after they close, median / worst of 50 | %.1f / %.1f ms | under 50 ms |"
        % (median_after * 1000, worst_after * 1000)
    )


if __name__ == "__main__":
    main()
