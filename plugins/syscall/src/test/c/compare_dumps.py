#!/usr/bin/env python3
"""Developer tool: differential check of two probes. Run two probe_loader instances at once (say
the probe of main with its own loader and a changed probe), each writing a dump of the same
syscalls, then compare the records per thread, everything but the timestamp:

    compare_dumps.py a.bin b.bin [min_tid] [tid_to_skip ...]

Threads below min_tid (older than the test) and the loaders' own tids can be left out. A thread
whose records in one dump are a prefix of the other's only ran past one loader's window; a thread
whose records differ inside the common part is printed with the first differing record.
Exit status 1 when any content differs.
"""
import collections
import struct
import sys


def load(path):
    per = collections.defaultdict(list)
    data = open(path, 'rb').read()
    off = 0
    while off + 8 <= len(data):
        _ring, length = struct.unpack_from('<II', data, off)
        off += 8
        rec = data[off:off + length]
        off += length
        _ts, tid, _len, typ, _np = struct.unpack_from('<QQIHI', rec, 0)
        per[tid].append((typ, rec[8:]))
    return per


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    min_tid = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    skip = {int(x) for x in sys.argv[4:]}
    same = edge = differ = 0
    for tid in sorted(set(a) | set(b)):
        if tid < min_tid or tid in skip:
            continue
        ea, eb = a.get(tid, []), b.get(tid, [])
        n = min(len(ea), len(eb))
        first = next((i for i in range(n) if ea[i] != eb[i]), None)
        if first is None:
            if len(ea) == len(eb):
                same += 1
            else:
                edge += 1
            continue
        differ += 1
        print(f"tid {tid}: record {first} differs (types {ea[first][0]} / {eb[first][0]})")
        print("  a", ea[first][1].hex())
        print("  b", eb[first][1].hex())
    print(f"threads identical {same}, cut by a capture window {edge}, different {differ}")
    return 1 if differ else 0


if __name__ == '__main__':
    sys.exit(main())
