import struct, sys, collections
def load(path):
    per = collections.defaultdict(list)
    data = open(path,'rb').read(); off = 0
    while off + 8 <= len(data):
        ring, ln = struct.unpack_from('<II', data, off); off += 8
        rec = data[off:off+ln]; off += ln
        ts, tid, l, typ, np = struct.unpack_from('<QQIHI', rec, 0)
        per[tid].append((typ, rec[8:]))   # everything but ts
    return per
a, b = load(sys.argv[1]), load(sys.argv[2])
minpid = int(sys.argv[3]); skip = set(int(x) for x in sys.argv[4:])
same = diff = 0
for tid in sorted(set(a) | set(b)):
    if tid < minpid or tid in skip: continue
    ea, eb = a.get(tid, []), b.get(tid, [])
    if ea == eb: same += 1; continue
    diff += 1
    print("tid", tid, "records", len(ea), len(eb))
    for i,(x,y) in enumerate(zip(ea,eb)):
        if x != y:
            print("  first diff at", i, "type", x[0], y[0]); print("  ", x[1].hex()); print("  ", y[1].hex()); break
print("tids identical", same, "different", diff)
