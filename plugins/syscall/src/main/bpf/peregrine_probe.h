/* SPDX-License-Identifier: GPL-2.0-only OR Apache-2.0 */
/*
 * Peregrine probe <-> Java contract. This header is the source of truth for everything the
 * Java loader (dev.peregrine.plugin.syscall live engine) reads or writes in the probe's maps;
 * the Java side mirrors the layouts below field by field (all little endian, no padding
 * surprises: every struct is made of naturally aligned u64/u32 fields).
 *
 * Object file: resource dev/peregrine/plugin/syscall/bpf/peregrine_probe.bpf.o in the plugin jar.
 *
 * Programs (SEC names, all auto-attachable by libbpf):
 *   tracepoint/syscalls/sys_enter_{open,openat,openat2,creat,connect}
 *                               TOCTOU enter events of these syscalls (one program each)
 *   tracepoint/syscalls/sys_enter_{execve,execveat}
 *                               which exec syscall the task entered (for sched_process_exec)
 *   tp_btf/sys_exit             every other syscall event (exit events with all parameters)
 *   tp_btf/sched_process_exec   successful execve/execveat (EXECVE_19_X / EXECVEAT_X, res 0)
 *   tp_btf/sched_process_exit   PROCEXIT_1_E
 *   tp_btf/sys_enter            (program "sys_enter") the same enter side for every syscall: the
 *                               FALLBACK. The loader turns its auto-attach off before the load
 *                               (bpf_program__set_autoattach), attaches the sys_enter_* programs
 *                               and, if any of them fails (the syscalls:* tracepoints need
 *                               tracefs), detaches them and attaches "sys_enter" instead. Never
 *                               both: the enter events would come twice.
 * (no sched_process_fork program: on x86_64 the child of clone/fork/vfork/clone3 returns through
 *  sys_exit, which emits the child-side exit event.)
 *
 * Maps the loader must prepare before bpf_object__load:
 *   ringbuf_maps   ARRAY_OF_MAPS, key u32, value u32 (inner map fd). Set max_entries = number of
 *                  partitions, create the inner BPF_MAP_TYPE_RINGBUF maps (bufferBytes(), a power
 *                  of two multiple of the page size) with bpf_map_create, give one of them to
 *                  bpf_map__set_inner_map_fd as the prototype, and after the load store every
 *                  ring's fd in slot 0..partitions-1.
 *   scratch_maps   ARRAY, max_entries = number of possible CPUs (default SCRATCH_DEFAULT_CPUS;
 *                  a CPU id at or above max_entries makes its events drop as n_drops_scratch_map).
 * Maps the loader fills after the load:
 *   probe_settings       ARRAY, 1 entry, struct probe_settings (below). Until it is written
 *                        partitions == 0 and the probe emits nothing.
 *   interesting_syscalls ARRAY of u8 indexed by x86_64 syscall number (SYSCALL_SLOTS entries):
 *                        1 = emit the event of that syscall, 0 = emit nothing.
 * Maps the loader reads:
 *   drop_counters  PERCPU_ARRAY, 1 entry, struct drop_counters (sum over CPUs).
 * Internal maps (created by libbpf, nothing to do): exec_syscall (TASK_STORAGE: which exec
 * syscall a task entered, for sched_process_exec).
 *
 * Wake-ups: records are written with BPF_RB_NO_WAKEUP (an epoll wake-up per event tripled the
 * probe's cost). Consumers poll the producer positions (sleep briefly when every ring is empty)
 * instead of waiting on epoll.
 *
 * Routing: ring index = tgid % partitions, so every event of a process lands in the same ring in
 * order. Record = exactly one ppm event (26-byte header, u16 parameter lengths, the current event
 * versions of event-table.json); ts = boot_time + bpf_ktime_get_boot_ns(); tid = host tid.
 */
#ifndef PEREGRINE_PROBE_H
#define PEREGRINE_PROBE_H

#define PEREGRINE_PROBE_CONTRACT_VERSION 1

/* Largest event the probe emits (header included); larger ones are dropped and counted. */
#define MAX_EVENT_SIZE 65536
/* Slots of interesting_syscalls (x86_64 syscall numbers are below 512). */
#define SYSCALL_SLOTS 512
/* Default max_entries of scratch_maps when the loader does not resize it. */
#define SCRATCH_DEFAULT_CPUS 64
/* Default and upper bound of probe_settings.snaplen (bytes of read/write data captured). */
#define DEFAULT_SNAPLEN 80
#define MAX_SNAPLEN 4096

/* ppm event header, 26 bytes packed (spec section 1.1). */
#define PPM_HEADER_SIZE 26

/* Value of probe_settings (key 0). Offsets: 0, 8, 12, 16, 20; size 24. */
struct probe_settings {
	unsigned long long boot_time;   /* epoch ns of the boot: ts = boot_time + boot-clock ns */
	unsigned int partitions;        /* number of rings in ringbuf_maps; 0 = emit nothing */
	unsigned int own_tgid;          /* events of this process (the consumer) are skipped */
	unsigned int snaplen;           /* bytes of I/O buffers captured (0 = DEFAULT_SNAPLEN),
					 * capped at MAX_SNAPLEN */
	unsigned int drop_failed_exit;  /* nonzero = skip exit events of failed syscalls (ret < 0);
					 * only its low byte is ever set */
};

/*
 * Value of drop_counters (key 0, per CPU): u64 counters in this order, offsets 0, 8, ... 120.
 * n_drops_buffer counts every event lost because its ring was full; the n_drops_buffer_* below it
 * split the same losses by category like the kernel module's counters (spec section 5.1).
 */
struct drop_counters {
	unsigned long long n_evts;                        /* events written to a ring */
	unsigned long long n_drops_buffer;                /* ring full, all categories */
	unsigned long long n_drops_buffer_clone_fork_exit;
	unsigned long long n_drops_buffer_execve_exit;
	unsigned long long n_drops_buffer_connect_enter;
	unsigned long long n_drops_buffer_connect_exit;
	unsigned long long n_drops_buffer_open_enter;
	unsigned long long n_drops_buffer_open_exit;
	unsigned long long n_drops_buffer_dir_file_exit;
	unsigned long long n_drops_buffer_other_interest_exit;
	unsigned long long n_drops_buffer_close_exit;
	unsigned long long n_drops_buffer_proc_exit;
	unsigned long long n_drops_scratch_map;           /* no scratch space for this CPU */
	unsigned long long n_drops_pf;                    /* reserved (no page-fault events) */
	unsigned long long n_drops_bug;                   /* ring index missing: loader bug */
	unsigned long long n_drops_max_event_size;        /* event larger than MAX_EVENT_SIZE */
};

#endif
