// SPDX-License-Identifier: GPL-2.0-only
/*
 * Developer tool: loads peregrine_probe.bpf.o the way the contract in peregrine_probe.h says,
 * attaches every program and writes each ring record to a dump file as "u32 ring | u32 len |
 * bytes", then prints the summed drop counters. Check a dump with check_dump.py.
 *
 *   cc -O2 -o /tmp/probe_loader probe_loader.c -lbpf
 *   /tmp/probe_loader target/classes/dev/peregrine/plugin/syscall/bpf/peregrine_probe.bpf.o 5 /tmp/dump.bin
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "../../main/bpf/peregrine_probe.h"

#define PARTITIONS 2
#define RING_BYTES (8u << 20)

static FILE *out;
static unsigned long records;

struct ctx { unsigned int ring; };

static int on_record(void *c, void *data, size_t len)
{
	unsigned int hdr[2] = {((struct ctx *)c)->ring, (unsigned int)len};
	fwrite(hdr, sizeof(hdr), 1, out);
	fwrite(data, len, 1, out);
	records++;
	return 0;
}

static unsigned long long ns(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s probe.bpf.o seconds dump.bin\n", argv[0]);
		return 2;
	}
	struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "open failed: %s\n", strerror(errno));
		return 1;
	}
	struct bpf_map *rings = bpf_object__find_map_by_name(obj, "ringbuf_maps");
	struct bpf_map *scratch = bpf_object__find_map_by_name(obj, "scratch_maps");
	if (!rings || !scratch) {
		fprintf(stderr, "maps missing\n");
		return 1;
	}
	int inner[PARTITIONS];
	for (int i = 0; i < PARTITIONS; i++) {
		inner[i] = bpf_map_create(BPF_MAP_TYPE_RINGBUF, NULL, 0, 0, RING_BYTES, NULL);
		if (inner[i] < 0) {
			fprintf(stderr, "ringbuf create: %s\n", strerror(errno));
			return 1;
		}
	}
	bpf_map__set_max_entries(rings, PARTITIONS);
	bpf_map__set_inner_map_fd(rings, inner[0]);
	bpf_map__set_max_entries(scratch, libbpf_num_possible_cpus());
	/* tp_btf/sys_enter is only the fallback of the per-syscall enter tracepoints. */
	struct bpf_program *fallback = bpf_object__find_program_by_name(obj, "sys_enter");
	if (fallback)
		bpf_program__set_autoattach(fallback, false);
	int err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "load failed: %d\n", err);
		return 1;
	}
	for (unsigned int i = 0; i < PARTITIONS; i++)
		bpf_map_update_elem(bpf_map__fd(rings), &i, &inner[i], BPF_ANY);
	int isc = bpf_object__find_map_fd_by_name(obj, "interesting_syscalls");
	for (unsigned int i = 0; i < SYSCALL_SLOTS; i++) {
		unsigned char on = 1;
		bpf_map_update_elem(isc, &i, &on, BPF_ANY);
	}
	struct probe_settings set = {
		.boot_time = ns(CLOCK_REALTIME) - ns(CLOCK_BOOTTIME),
		.partitions = PARTITIONS,
		.own_tgid = getpid(),
		.drop_failed_exit = 0,
		.snaplen = DEFAULT_SNAPLEN,
	};
	unsigned int zero = 0;
	bpf_map_update_elem(bpf_object__find_map_fd_by_name(obj, "probe_settings"), &zero, &set, BPF_ANY);

	struct bpf_program *prog;
	int enter_failed = getenv("PROBE_ENTER_FALLBACK") && *getenv("PROBE_ENTER_FALLBACK");
	int per_syscall_seen = 0;
	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoattach(prog))
			continue;
		int per_syscall = !strncmp(bpf_program__name(prog), "sys_enter_", 10);
		per_syscall_seen |= per_syscall;
		if (per_syscall && enter_failed)
			continue;
		if (!bpf_program__attach(prog)) {
			if (per_syscall) {
				/* The links already made stay until exit: a dev tool, no fallback mixing. */
				fprintf(stderr, "attach %s failed: %s (set PROBE_ENTER_FALLBACK=1)\n",
					bpf_program__name(prog), strerror(errno));
				return 1;
			}
			fprintf(stderr, "attach %s failed: %s\n", bpf_program__name(prog), strerror(errno));
			return 1;
		}
		printf("attached %s (%s)\n", bpf_program__name(prog), bpf_program__section_name(prog));
	}
	if (fallback && (enter_failed || !per_syscall_seen)) {
		if (!bpf_program__attach(fallback)) {
			fprintf(stderr, "attach sys_enter failed: %s\n", strerror(errno));
			return 1;
		}
		printf("attached sys_enter (tp_btf/sys_enter, fallback)\n");
	}
	out = fopen(argv[3], "wb");
	struct ctx ctxs[PARTITIONS];
	struct ring_buffer *rb = NULL;
	for (unsigned int i = 0; i < PARTITIONS; i++) {
		ctxs[i].ring = i;
		if (!rb)
			rb = ring_buffer__new(inner[i], on_record, &ctxs[i], NULL);
		else
			ring_buffer__add(rb, inner[i], on_record, &ctxs[i]);
	}
	unsigned long long end = ns(CLOCK_MONOTONIC) + atoll(argv[2]) * 1000000000ULL;
	while (ns(CLOCK_MONOTONIC) < end)
		if (ring_buffer__consume(rb) == 0)
			usleep(1000);
	ring_buffer__consume(rb);
	fclose(out);

	int nc = libbpf_num_possible_cpus();
	struct drop_counters *per = calloc(nc, sizeof(*per));
	bpf_map_lookup_elem(bpf_object__find_map_fd_by_name(obj, "drop_counters"), &zero, per);
	unsigned long long sum[sizeof(struct drop_counters) / 8] = {0};
	for (int c = 0; c < nc; c++)
		for (unsigned int k = 0; k < sizeof(sum) / 8; k++)
			sum[k] += ((unsigned long long *)&per[c])[k];
	printf("records=%lu n_evts=%llu n_drops_buffer=%llu scratch=%llu bug=%llu max_size=%llu\n",
	       records, sum[0], sum[1], sum[12], sum[14], sum[15]);
	return 0;
}
