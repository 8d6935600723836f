#!/bin/sh
# Probe cost per syscall (root, BTF): builds the probe from plugins/syscall/src/main/bpf (or takes
# the object given as $1), compiles probe_cost.c and runs cases a/b/c; the program switches
# bpf_stats on itself (BPF_ENABLE_STATS) only around the measured loops.
#   benchmarks/live/probe_cost.sh [probe.bpf.o] [iterations] [repeats] [cases]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../../plugins/syscall/src/main/bpf"
work=${TMPDIR:-/tmp}/peregrine-probe-cost
mkdir -p "$work"
obj=${1:-}
if [ -z "$obj" ]; then
	[ -s "$work/vmlinux.h" ] || bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$work/vmlinux.h"
	obj="$work/peregrine_probe.bpf.o"
	clang -O2 -g -target bpf -D__TARGET_ARCH_x86 -Wall -Wno-unused-function -I"$work" \
		-I/usr/include/x86_64-linux-gnu -c "$src/peregrine_probe.bpf.c" -o "$obj"
fi
cc -O2 -o "$work/probe_cost" "$here/probe_cost.c" -lbpf -lpthread
"$work/probe_cost" "$obj" "${2:-2000000}" "${3:-3}" "${4:-abc}"
