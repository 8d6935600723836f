#!/usr/bin/env python3
"""Writes the x86_64 native syscall number -> PPM_SC name table of the syscall plugin.

libsinsp names a generic exit event whose PPM_SC code is unknown through the event's nativeID
parameter and the driver's syscall table of the replaying host (scap_native_id_to_ppm_sc). That
table maps each __NR_x of the architecture to PPM_SC_X; this script rebuilds it from the kernel's
unistd_64.h by name, keeping the numbers whose name is a PPM_SC code.

    python3 plugins/syscall/src/build/native_syscalls.py /usr/include/x86_64-linux-gnu/asm/unistd_64.h \\
        plugins/syscall/src/main/resources
"""
import os
import re
import sys


def main(header, resources):
    base = os.path.join(resources, "dev", "peregrine", "plugin", "syscall", "event")
    codes = set()
    with open(os.path.join(base, "syscall-codes.tsv")) as f:
        for line in f:
            if not line.startswith("#"):
                codes.add(line.rstrip("\n").split("\t")[1])
    rows = []
    with open(header) as f:
        for line in f:
            m = re.match(r"#define __NR_(\w+)\s+(\d+)\s*$", line)
            if m and m.group(1) in codes:
                rows.append((int(m.group(2)), m.group(1)))
    rows.sort()
    with open(os.path.join(base, "native-syscalls-x86_64.tsv"), "w") as out:
        out.write("#nr\tname\n")
        for nr, name in rows:
            out.write("%d\t%s\n" % (nr, name))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
