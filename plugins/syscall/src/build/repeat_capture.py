#!/usr/bin/env python3
"""Builds a large capture for throughput runs by repeating the event blocks of a small one.

    python3 plugins/syscall/src/build/repeat_capture.py IN.scap OUT.scap TIMES

The metadata blocks (section header, machine info, process/fd/user/interface lists) are written
once; then every event block whose timestamp is a plausible epoch time is written TIMES times, each
copy shifted by the capture's time span so that time keeps increasing. Events with other
timestamps (container meta events stamped 0) are written once. Gzip input is accepted; the output
is uncompressed.
"""
import gzip
import struct
import sys

EVENT_BLOCKS = {0x204, 0x8010ABCD, 0x208, 0x216, 0x217, 0x221, 0x222}
FLAGGED = {0x208, 0x217, 0x222}


def timestamp_offset(block_type):
    # block header (type, length), then cpu u16, then (flagged blocks) u32 flags, then the event
    return 8 + 2 + (4 if block_type in FLAGGED else 0)


def main(source, target, times):
    data = open(source, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    metadata, once, repeated = [], [], []
    pos = 0
    while pos < len(data):
        block_type, length = struct.unpack_from("<II", data, pos)
        block = data[pos:pos + length]
        pos += length
        if block_type not in EVENT_BLOCKS:
            metadata.append(block)
            continue
        ts = struct.unpack_from("<Q", block, timestamp_offset(block_type))[0]
        (repeated if 10**18 < ts < 1 << 62 else once).append((block_type, block))
    stamps = [struct.unpack_from("<Q", b, timestamp_offset(t))[0] for t, b in repeated]
    span = max(stamps) - min(stamps) + 1000
    with open(target, "wb") as out:
        for block in metadata:
            out.write(block)
        for _, block in once:
            out.write(block)
        for copy in range(times):
            for block_type, block in repeated:
                shifted = bytearray(block)
                at = timestamp_offset(block_type)
                struct.pack_into("<Q", shifted, at, struct.unpack_from("<Q", shifted, at)[0] + copy * span)
                out.write(shifted)
    print(f"{target}: {times * len(repeated) + len(once)} events")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
