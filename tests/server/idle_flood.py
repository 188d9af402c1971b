#!/usr/bin/env python3
"""Idle-connection flood against dlgo-serve: memory and /healthz before, during and after.

Not part of ctest: it measures, it does not judge. Starts dlgo-serve from a build folder, opens
CONNECTIONS TCP connections that never send a byte (from several processes, each under its own
open-file limit), and prints the server's RSS before, while they are open and after they are
closed, how long /healthz takes meanwhile, and how many of the connections the server closed
to stay under its --max-connections cap.

  tests/server/idle_flood.py [--build DIR] [--connections 20000] [--serve-arg=--max-connections=N]
"""
import argparse
import multiprocessing
import os
import re
import resource
import socket
import subprocess
import sys
import time

PER_PROCESS = 9000  # client sockets per flooding process


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def healthz_seconds(port, timeout=30.0):
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
            conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            answer = conn.recv(4096)
        if not answer.startswith(b"HTTP/1.1 200"):
            return f"failed ({answer[:40]!r})"
    except OSError as error:
        return f"failed after {time.monotonic() - start:.1f} s ({error})"
    return f"{(time.monotonic() - start) * 1000:.1f} ms"


def flood(port, count, opened, release, report):
    """Opens `count` idle connections, reports, waits for `release`, reports the closed ones."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 100), hard))
    sockets = []
    for _ in range(count):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", port), timeout=10))
        except OSError:
            break
    opened.put(len(sockets))
    release.wait()
    closed = 0
    for conn in sockets:
        conn.setblocking(False)
        try:
            if conn.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        conn.close()
    report.put(closed)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(root, "build"))
    parser.add_argument("--connections", type=int, default=20000)
    parser.add_argument("--serve-arg", action="append", default=[],
                        help="an argument for dlgo-serve, e.g. --serve-arg=--max-connections=100")
    args = parser.parse_args()
    serve_args = [a for arg in args.serve_arg for a in arg.split("=", 1)]

    serve = subprocess.Popen([os.path.join(args.build, "bin", "dlgo-serve"), "--port", "0",
                              "--threads", "1", *serve_args],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = None
    for line in serve.stdout:
        sys.stdout.write(line)
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if match:
            port = int(match.group(1))
        if "Ctrl-C" in line:
            break
    if port is None:
        sys.exit("idle_flood.py: dlgo-serve did not start")

    for _ in range(50):
        healthz_seconds(port)
    print(f"before: RSS {rss_mb(serve.pid):.1f} MB, /healthz {healthz_seconds(port)}")

    context = multiprocessing.get_context("fork")
    opened, report, release = context.Queue(), context.Queue(), context.Event()
    workers = []
    left = args.connections
    while left > 0:
        count = min(PER_PROCESS, left)
        workers.append(context.Process(target=flood, args=(port, count, opened, release, report)))
        workers[-1].start()
        left -= count
    total = sum(opened.get() for _ in workers)
    time.sleep(2)
    print(f"during: {total} idle connections opened, RSS {rss_mb(serve.pid):.1f} MB, "
          f"/healthz {healthz_seconds(port)}")
    release.set()
    closed = sum(report.get() for _ in workers)
    for worker in workers:
        worker.join()
    print(f"        {closed} of them had been closed by the server")
    time.sleep(2)
    print(f"after:  RSS {rss_mb(serve.pid):.1f} MB, /healthz {healthz_seconds(port)}")

    serve.terminate()
    serve.wait(timeout=30)
    print(f"dlgo-serve exited with {serve.returncode}")


if __name__ == "__main__":
    main()
