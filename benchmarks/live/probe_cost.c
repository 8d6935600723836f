// SPDX-License-Identifier: GPL-2.0-only
/*
 * Probe cost benchmark, independent of Peregrine's consumer: loads peregrine_probe.bpf.o the way
 * peregrine_probe.h says (2 rings, scratch per possible CPU, all syscalls interesting; the
 * per-syscall enter tracepoints, or tp_btf/sys_enter when they cannot be attached or
 * PROBE_COST_FALLBACK=1), drains the rings on a thread, and for each case runs a tight syscall
 * loop in a child process. Per case it prints, as the median of the repeats:
 *  - ns per run of every program that ran (run_time_ns / run_cnt deltas with bpf_stats switched
 *    on through BPF_ENABLE_STATS around the measured loop only), net of the background: the same
 *    deltas over an idle window just before, scaled to the loop's duration, are subtracted, since
 *    the programs also run for every other process of this shared machine;
 *  - the probe's time per syscall of the loop (all enter and exit programs);
 *  - wall-clock ns per loop iteration without the probe (before loading) and with it (bpf_stats
 *    off).
 * PROBE_COST_COMPARE=other.bpf.o loads a second object side by side (programs prefixed "B:").
 *
 * Cases: a = getpid, every syscall interesting (PPME_GENERIC_X)
 *        b = openat(/dev/null) + close, both interesting (OPENAT_2_E + OPENAT_2_X + CLOSE_X)
 *        c = getpid with interesting_syscalls[getpid] = 0 (what the default rules select)
 *
 *   cc -O2 -o /tmp/probe_cost probe_cost.c -lbpf -lpthread
 *   /tmp/probe_cost peregrine_probe.bpf.o [iterations=2000000] [repeats=3] [cases=abc]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "../../plugins/syscall/src/main/bpf/peregrine_probe.h"

#define PARTITIONS 2
#define RING_BYTES (8u << 20)
#define MAX_PROGS 64
#define NR_GETPID 39

static volatile int stop;
static unsigned long long drained;

static int on_record(void *c, void *data, size_t len)
{
	drained++;
	return 0;
}

static void *drain(void *arg)
{
	struct ring_buffer *rb = arg;
	while (!stop)
		if (ring_buffer__consume(rb) <= 0)
			usleep(200);
	ring_buffer__consume(rb);
	return NULL;
}

static unsigned long long ns(clockid_t clk)
{
	struct timespec ts;
	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Runs the loop of `kind` in a child (the probe skips its own loader's tgid); ns per iteration. */
static double run_loop(char kind, long n)
{
	int pipefd[2];
	if (pipe(pipefd))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		unsigned long long t0 = ns(CLOCK_MONOTONIC);
		if (kind == 'b') {
			for (long i = 0; i < n; i++) {
				int fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
				syscall(SYS_close, fd);
			}
		} else {
			for (long i = 0; i < n; i++)
				syscall(SYS_getpid);
		}
		double per = (double)(ns(CLOCK_MONOTONIC) - t0) / n;
		if (write(pipefd[1], &per, sizeof(per)) != sizeof(per))
			_exit(1);
		_exit(0);
	}
	close(pipefd[1]);
	double per = -1;
	if (read(pipefd[0], &per, sizeof(per)) != sizeof(per))
		per = -1;
	close(pipefd[0]);
	waitpid(pid, NULL, 0);
	return per;
}

struct prog_stat {
	const char *name;
	int fd;
};

static int nprogs;
static struct prog_stat progs[MAX_PROGS];

static void snapshot(unsigned long long *cnt, unsigned long long *time)
{
	for (int i = 0; i < nprogs; i++) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		bpf_obj_get_info_by_fd(progs[i].fd, &info, &len);
		cnt[i] = info.run_cnt;
		time[i] = info.run_time_ns;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void set_interesting(int fd, int getpid_on)
{
	for (unsigned int i = 0; i < SYSCALL_SLOTS; i++) {
		unsigned char on = i == NR_GETPID ? getpid_on : 1;
		bpf_map_update_elem(fd, &i, &on, BPF_ANY);
	}
}

static int nobjs;
static int interesting_fds[2];
/* The programs attached, so that the wall-clock baseline can run with all of them detached. */
static struct bpf_program *attached[MAX_PROGS];
static struct bpf_link *links[MAX_PROGS];
static int nattached;

static void detach_all(void)
{
	for (int i = 0; i < nattached; i++) {
		bpf_link__destroy(links[i]);
		links[i] = NULL;
	}
}

static int attach_all(void)
{
	for (int i = 0; i < nattached; i++) {
		if (links[i])
			continue;
		links[i] = bpf_program__attach(attached[i]);
		if (!links[i]) {
			fprintf(stderr, "re-attach %s failed: %s\n", bpf_program__name(attached[i]), strerror(errno));
			return 1;
		}
	}
	return 0;
}

/* Loads, fills and attaches one probe object as the contract says; its rings join `rb`. */
static int load_object(const char *path, const char *prefix, struct ring_buffer **rb)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		fprintf(stderr, "open %s failed: %s\n", path, strerror(errno));
		return 1;
	}
	struct bpf_map *rings = bpf_object__find_map_by_name(obj, "ringbuf_maps");
	struct bpf_map *scratch = bpf_object__find_map_by_name(obj, "scratch_maps");
	int inner[PARTITIONS];
	for (int i = 0; i < PARTITIONS; i++) {
		inner[i] = bpf_map_create(BPF_MAP_TYPE_RINGBUF, NULL, 0, 0, RING_BYTES, NULL);
		if (inner[i] < 0) {
			fprintf(stderr, "ringbuf create: %s\n", strerror(errno));
			return 1;
		}
	}
	if (rings) {
		bpf_map__set_max_entries(rings, PARTITIONS);
		bpf_map__set_inner_map_fd(rings, inner[0]);
	}
	if (scratch)
		bpf_map__set_max_entries(scratch, libbpf_num_possible_cpus());
	/* tp_btf/sys_enter is the fallback of the per-syscall enter tracepoints (see the probe). */
	struct bpf_program *fallback = bpf_object__find_program_by_name(obj, "sys_enter");
	if (fallback)
		bpf_program__set_autoattach(fallback, false);
	int err = bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "load %s failed: %d\n", path, err);
		return 1;
	}
	for (unsigned int i = 0; rings && i < PARTITIONS; i++)
		bpf_map_update_elem(bpf_map__fd(rings), &i, &inner[i], BPF_ANY);
	int isc = bpf_object__find_map_fd_by_name(obj, "interesting_syscalls");
	interesting_fds[nobjs++] = isc;
	if (isc >= 0)
		set_interesting(isc, 1);
	struct probe_settings set = {
		.boot_time = ns(CLOCK_REALTIME) - ns(CLOCK_BOOTTIME),
		.partitions = PARTITIONS,
		.own_tgid = getpid(),
		.snaplen = DEFAULT_SNAPLEN,
	};
	unsigned int zero = 0;
	int setfd = bpf_object__find_map_fd_by_name(obj, "probe_settings");
	if (setfd >= 0)
		bpf_map_update_elem(setfd, &zero, &set, BPF_ANY);
	struct bpf_program *prog;
	struct bpf_link *enter_links[16], *first_links[MAX_PROGS];
	int n_first = 0, n_enter = 0, enter_failed = getenv("PROBE_COST_FALLBACK") && *getenv("PROBE_COST_FALLBACK");
	bpf_object__for_each_program(prog, obj) {
		if (!bpf_program__autoattach(prog))
			continue;
		int per_syscall = !strncmp(bpf_program__name(prog), "sys_enter_", 10);
		if (per_syscall && enter_failed)
			continue;
		struct bpf_link *link = bpf_program__attach(prog);
		if (!link && per_syscall) {
			enter_failed = 1;
			continue;
		}
		if (!link) {
			fprintf(stderr, "attach %s failed: %s\n", bpf_program__name(prog), strerror(errno));
			return 1;
		}
		if (per_syscall && n_enter < 16)
			enter_links[n_enter++] = link;
		else if (n_first < MAX_PROGS)
			first_links[n_first++] = link;
	}
	if (fallback && (enter_failed || n_enter == 0)) {
		for (int i = 0; i < n_enter; i++)
			bpf_link__destroy(enter_links[i]);
		n_enter = 0;
		struct bpf_link *link = bpf_program__attach(fallback);
		if (!link) {
			fprintf(stderr, "attach sys_enter failed: %s\n", strerror(errno));
			return 1;
		}
		first_links[n_first++] = link;
		printf("%senter side: tp_btf/sys_enter (fallback)\n", prefix);
	} else if (fallback) {
		printf("%senter side: per-syscall tracepoints\n", prefix);
	}
	/* Remember what the decision attached; the links are re-made (and later destroyed and
	 * re-made per repeat) by attach_all(). */
	for (int i = 0; i < n_enter; i++)
		bpf_link__destroy(enter_links[i]);
	for (int i = 0; i < n_first; i++)
		bpf_link__destroy(first_links[i]);
	bpf_object__for_each_program(prog, obj) {
		int per_syscall = !strncmp(bpf_program__name(prog), "sys_enter_", 10);
		int on = prog == fallback ? n_enter == 0
			 : bpf_program__autoattach(prog) && !(per_syscall && n_enter == 0);
		if (on && nattached < MAX_PROGS)
			attached[nattached++] = prog;
	}
	if (attach_all())
		return 1;
	/* Every loaded program (tail-call targets too) is measured. */
	bpf_object__for_each_program(prog, obj) {
		if (bpf_program__fd(prog) >= 0 && nprogs < MAX_PROGS) {
			char *name = malloc(64);
			snprintf(name, 64, "%s%s", prefix, bpf_program__name(prog));
			progs[nprogs].name = name;
			progs[nprogs].fd = bpf_program__fd(prog);
			nprogs++;
		}
	}
	for (unsigned int i = 0; rings && i < PARTITIONS; i++) {
		if (!*rb)
			*rb = ring_buffer__new(inner[i], on_record, NULL, NULL);
		else
			ring_buffer__add(*rb, inner[i], on_record, NULL);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s probe.bpf.o [iterations] [repeats] [cases]\n", argv[0]);
		return 2;
	}
	long iters = argc > 2 ? atol(argv[2]) : 2000000;
	int repeats = argc > 3 ? atoi(argv[3]) : 3;
	const char *cases = argc > 4 ? argv[4] : "abc";
	if (repeats < 1 || repeats > 15)
		repeats = 3;

	double base[3][15];

	if (!getenv("PROBE_COST_VERBOSE"))
		libbpf_set_print(NULL);
	/* A second object (PROBE_COST_COMPARE=other.bpf.o) runs side by side on the same syscalls:
	 * an A/B comparison that the load of a shared machine cannot skew. */
	const char *other = getenv("PROBE_COST_COMPARE");
	struct ring_buffer *rb = NULL;
	if (load_object(argv[1], "", &rb) || (other && load_object(other, "B:", &rb)))
		return 1;
	pthread_t drainer;
	if (rb)
		pthread_create(&drainer, NULL, drain, rb);

	double loadavg[3] = {0};
	getloadavg(loadavg, 3);
	printf("iterations %ld, repeats %d (median shown), load average %.2f %.2f %.2f\n", iters, repeats,
	       loadavg[0], loadavg[1], loadavg[2]);
	for (const char *c = cases; *c; c++) {
		int k = *c - 'a';
		long n = *c == 'b' ? iters / 4 : iters;
		for (int o = 0; o < nobjs; o++)
			if (interesting_fds[o] >= 0)
				set_interesting(interesting_fds[o], *c != 'c');
		double with[15], sum[15], sum_b[15], per[MAX_PROGS][15], extra[15];
		for (int r = 0; r < repeats; r++) {
			/* Wall clock without and with the probe, back to back (bpf_stats off). */
			detach_all();
			base[k][r] = run_loop(*c == 'b' ? 'b' : 'a', n);
			if (attach_all())
				return 1;
			with[r] = run_loop(*c == 'b' ? 'b' : 'a', n);
			int stats = bpf_enable_stats(BPF_STATS_RUN_TIME);
			if (stats < 0) {
				fprintf(stderr, "bpf_enable_stats: %s\n", strerror(errno));
				return 1;
			}
			/* Background first: the other processes' syscalls over a window as long as
			 * the loop's, subtracted below (the machine is shared). */
			unsigned long long c0[MAX_PROGS], t0[MAX_PROGS], c1[MAX_PROGS], t1[MAX_PROGS];
			unsigned long long bc0[MAX_PROGS], bt0[MAX_PROGS], bc1[MAX_PROGS], bt1[MAX_PROGS];
			unsigned long long w0 = ns(CLOCK_MONOTONIC);
			snapshot(bc0, bt0);
			usleep((useconds_t)(with[r] * n / 1000));
			snapshot(bc1, bt1);
			unsigned long long w1 = ns(CLOCK_MONOTONIC);
			snapshot(c0, t0);
			run_loop(*c == 'b' ? 'b' : 'a', n);
			snapshot(c1, t1);
			unsigned long long w2 = ns(CLOCK_MONOTONIC);
			close(stats);
			double scale = (double)(w2 - w1) / (double)(w1 - w0);
			double loop_syscalls = (double)n * (*c == 'b' ? 2 : 1);
			/* Per syscall of the loop: time of the syscall programs (enter tracepoints, sys_enter,
			 * sys_exit; tail calls count in their caller) minus the background's share. */
			double sys_time = 0, sys_time_b = 0, runs = 0;
			for (int i = 0; i < nprogs; i++) {
				double dc = c1[i] - c0[i] - scale * (bc1[i] - bc0[i]);
				double dt = t1[i] - t0[i] - scale * (bt1[i] - bt0[i]);
				per[i][r] = dc > 0.01 * n ? dt / dc : 0;
				if (!strncmp(progs[i].name, "sys_", 4))
					sys_time += dt;
				if (!strncmp(progs[i].name, "B:sys_", 6))
					sys_time_b += dt;
				if (!strcmp(progs[i].name, "sys_exit"))
					runs = c1[i] - c0[i];
			}
			sum[r] = sys_time / loop_syscalls;
			sum_b[r] = sys_time_b / loop_syscalls;
			/* Syscalls of other processes in the loop's window, in % of the loop's */
			extra[r] = 100.0 * (runs / loop_syscalls - 1);
		}
		const char *label = *c == 'a' ? "a: getpid, all syscalls interesting"
				    : *c == 'b' ? "b: openat+close of /dev/null, both interesting"
						: "c: getpid not interesting";
		printf("case %s (%ld iterations)\n", label, n);
		for (int i = 0; i < nprogs; i++) {
			double m = median(per[i], repeats);
			if (m > 0)
				printf("  %-28s %7.1f ns/run\n", progs[i].name, m);
		}
		double b = median(base[k], repeats), w = median(with, repeats);
		printf("  %-28s %7.1f ns (enter + exit program time / syscalls)\n", "probe per syscall",
		       median(sum, repeats));
		if (nobjs > 1)
			printf("  %-28s %7.1f ns\n", "B: probe per syscall", median(sum_b, repeats));
		printf("  %-28s %7.1f -> %7.1f ns (+%.1f, bpf_stats off)\n", "wall clock per iteration", b, w, w - b);
		printf("  %-28s %7.1f %% (subtracted)\n", "other processes' syscalls", median(extra, repeats));
	}
	stop = 1;
	if (rb)
		pthread_join(drainer, NULL);
	printf("records drained: %llu\n", drained);
	return 0;
}
