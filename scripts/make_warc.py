#!/usr/bin/env python3
"""Writes a WARC.gz of HTTP response records (one gzip member each) built
from the shared HTML pages, repeated with distinct record ids and URIs, until
the compressed file reaches the size asked for.

usage: make_warc.py PAGES_DIR OUT.warc.gz SIZE_MB
"""
import os
import sys
import uuid
import zlib


def pages(root):
    out = []
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f == "source.html" or f.endswith(".html") and "/html" in d:
                with open(os.path.join(d, f), "rb") as fh:
                    out.append((os.path.relpath(os.path.join(d, f), root), fh.read()))
    return out


def main():
    root, out_path, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    src = pages(root)
    if not src:
        sys.exit(f"no HTML pages under {root}")
    target = int(size_mb * 1e6)
    written = raw = n = 0
    with open(out_path, "wb") as out:
        info = b"software: herald scripts/make_warc.py\r\n"
        head = (b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Length: %d\r\n\r\n"
                % (str(uuid.UUID(int=0)).encode(), len(info)))
        rec = head + info + b"\r\n\r\n"
        while written < target:
            name, html = src[n % len(src)]
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html) + html
            rid = str(uuid.UUID(int=n + 1)).encode()
            uri = b"http://bench.example/%d/%s" % (n, name.encode())
            rec = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\n"
                   b"WARC-Date: 2026-11-26T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
                   b"Content-Length: %d\r\n\r\n" % (rid, uri, len(http))) + http + b"\r\n\r\n"
            c = zlib.compressobj(1, zlib.DEFLATED, 31)
            gz = c.compress(rec) + c.flush()
            out.write(gz)
            written += len(gz)
            raw += len(rec)
            n += 1
    print(f"{out_path}: {n} records, {written / 1e6:.1f} MB compressed, {raw / 1e6:.1f} MB uncompressed", file=sys.stderr)


if __name__ == "__main__":
    main()
