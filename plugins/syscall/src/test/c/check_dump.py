#!/usr/bin/env python3
"""Developer tool: checks a probe_loader dump against event-table.json.

For every record: the type exists and is a current (not old, not unused) event, nparams equals
the table count, 26 + 2*nparams + sum(lengths) == len == ring record size, fixed-size
parameters have their wire size (or are empty), strings end with NUL. Prints a per-type count
and a few decoded samples. Exit status 1 when any record is wrong.

    check_dump.py /work/shared/spec/event-table.json /tmp/dump.bin [type-name ...]
"""
import collections
import struct
import sys

import json


def main():
    table = json.load(open(sys.argv[1]))
    sizes = {p['name']: p['wire_size'] for p in table['param_types']}
    events = {e['id']: e for e in table['events']}
    show = set(sys.argv[3:])
    data = open(sys.argv[2], 'rb').read()
    off, bad, count, shown = 0, 0, collections.Counter(), collections.Counter()
    while off + 8 <= len(data):
        ring, rlen = struct.unpack_from('<II', data, off)
        rec = data[off + 8: off + 8 + rlen]
        off += 8 + rlen
        ts, tid, elen, etype, nparams = struct.unpack_from('<QQIHI', rec, 0)
        ev = events.get(etype)
        errors = []
        if ev is None:
            errors.append('unknown type')
        else:
            if ev['old_version'] or ev['unused']:
                errors.append('old/unused type')
            if nparams != ev['nparams']:
                errors.append('nparams %d != %d' % (nparams, ev['nparams']))
        if elen != rlen:
            errors.append('len %d != record %d' % (elen, rlen))
        lens = struct.unpack_from('<%dH' % nparams, rec, 26)
        if 26 + 2 * nparams + sum(lens) != elen:
            errors.append('lengths sum mismatch')
        vals, p = [], 26 + 2 * nparams
        for i, l in enumerate(lens):
            v = rec[p:p + l]
            p += l
            vals.append(v)
            if ev is None or i >= len(ev['params']):
                continue
            pt = ev['params'][i]['type']
            ws = sizes[pt]
            if ws and l not in (0, ws):
                errors.append('param %s size %d != %d' % (ev['params'][i]['name'], l, ws))
            if pt in ('PT_CHARBUF', 'PT_FSPATH', 'PT_FSRELPATH') and l and v[-1] != 0:
                errors.append('param %s not NUL-terminated' % ev['params'][i]['name'])
        name = ev['enum'] if ev else str(etype)
        count[name] += 1
        if errors:
            bad += 1
            if bad < 20:
                print('BAD', name, tid, errors)
        if ev and (ev['name'] in show or name in show) and shown[name] < 3:
            shown[name] += 1
            print('---', name, 'tid', tid, 'ring', ring)
            for prm, v in zip(ev['params'], vals):
                ws = sizes[prm['type']]
                if ws in (1, 2, 4, 8) and len(v) == ws:
                    x = int.from_bytes(v, 'little', signed=prm['type'] in (
                        'PT_ERRNO', 'PT_FD', 'PT_PID', 'PT_INT64', 'PT_INT32'))
                    print('   %s=%d' % (prm['name'], x))
                else:
                    print('   %s=%r' % (prm['name'], v[:160]))
    for k, v in sorted(count.items(), key=lambda x: -x[1]):
        print('%8d %s' % (v, k))
    print('records %d, bad %d' % (sum(count.values()), bad))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
