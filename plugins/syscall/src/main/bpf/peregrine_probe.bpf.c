// SPDX-License-Identifier: GPL-2.0-only
/*
 * Peregrine's CO-RE syscall probe. Emits ppm events (spec syscall-events.md section 1) into one
 * of N BPF ring buffers chosen by tgid. See peregrine_probe.h for the contract with the loader.
 *
 * Design: most syscalls are described by a generated recipe table (peregrine_syscall_table.h):
 * one small parameter recipe per event parameter, interpreted by push_recipe_param(). Process
 * lifecycle (clone family, execve family, exit) is hand-written in proc.bpf.h. Events are
 * assembled in a per-CPU scratch area and copied to the ring with bpf_ringbuf_output.
 *
 * Helpers that do real work are global (non-static, noinline) functions taking only scalars:
 * the verifier checks each of them once instead of once per call site, which keeps the
 * interpreter loop and the long execve event within the verifier's budget.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>

#include "peregrine_probe.h"
#include "recipes.bpf.h"
#include "peregrine_syscall_table.h"

char LICENSE[] SEC("license") = "GPL";

/* ---------------------------------------------------------------------------------------- */
/* Maps                                                                                       */
/* ---------------------------------------------------------------------------------------- */

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u32);
} ringbuf_maps SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct probe_settings);
} probe_settings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SYSCALL_SLOTS);
	__type(key, u32);
	__type(value, u8);
} interesting_syscalls SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct drop_counters);
} drop_counters SEC(".maps");

/* Half sizes: offsets are masked with HALF-1 and writes are at most HALF long, so every write
 * provably stays inside the doubled area. */
#define SCRATCH_HALF MAX_EVENT_SIZE
#define TMP_HALF 4096
#define MAX_STR 4096
#define MAX_PROC_ARG_ENV 4096

struct scratch {
	u64 args[6];
	s64 ret;
	u32 nr;        /* syscall number of the event being built */
	u32 pos;       /* next free byte in buf */
	u32 nparams;   /* lengths written so far */
	u32 total;     /* nparams of the event */
	u32 type;
	u32 enter;     /* 1 while building a TOCTOU enter event */
	u64 ret_file;  /* file behind the returned fd, once looked up (ret_file_done) */
	u32 ret_file_done;
	u32 pad;
	u8 buf[2 * SCRATCH_HALF];
	u8 tmp[2 * TMP_HALF];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SCRATCH_DEFAULT_CPUS);
	__type(key, u32);
	__type(value, struct scratch);
} scratch_maps SEC(".maps");

/* Which exec syscall (59 execve, 322 execveat) the task entered last: by the time
 * sched_process_exec runs, the new image's registers no longer tell. */
struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, u32);
} exec_syscall SEC(".maps");

/* Per-CPU cache of CLOCK_BOOTTIME - CLOCK_MONOTONIC (the time spent suspended), see event_ts(). */
struct clock_cache {
	u64 boot_offset;
	u64 checked; /* monotonic ns of the last check */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct clock_cache);
} clock_cache SEC(".maps");

#define CLOCK_RECHECK_NS 1000000000ULL

#define PPM_O_F_CREATED (1 << 14)

#define NR_EXECVE 59
#define NR_EXECVEAT 322

#define LEN_OFF(i) (PPM_HEADER_SIZE + 2 * ((i) & 31))

static __always_inline struct scratch *get_scratch(void)
{
	u32 cpu = bpf_get_smp_processor_id();
	return bpf_map_lookup_elem(&scratch_maps, &cpu);
}

static __always_inline struct drop_counters *get_counters(void)
{
	u32 zero = 0;
	return bpf_map_lookup_elem(&drop_counters, &zero);
}

static __always_inline struct probe_settings *get_settings(void)
{
	u32 zero = 0;
	return bpf_map_lookup_elem(&probe_settings, &zero);
}

/*
 * Event timestamp: boot_time + CLOCK_BOOTTIME ns, as the contract says. bpf_ktime_get_boot_ns()
 * costs ~45 ns more per call than bpf_ktime_get_ns() on this kernel/VM, so the boot clock is
 * computed as the monotonic clock plus the suspend offset (boot - monotonic), which each CPU
 * re-checks once a second. The offset only changes across a suspend; until a CPU re-checks
 * after a resume (at most 1 s) its events are early by the suspend time. The check brackets
 * the boot clock between two monotonic reads and keeps the cached offset while it is still
 * consistent, so a machine that never suspended keeps exactly offset 0.
 */
static __always_inline u64 event_ts(struct probe_settings *set)
{
	u64 mono = bpf_ktime_get_ns();
	u32 zero = 0;
	struct clock_cache *cc = bpf_map_lookup_elem(&clock_cache, &zero);
	if (!cc)
		return set->boot_time + bpf_ktime_get_boot_ns();
	if (mono - cc->checked > CLOCK_RECHECK_NS) {
		u64 before = bpf_ktime_get_ns();
		u64 boot = bpf_ktime_get_boot_ns();
		u64 after = bpf_ktime_get_ns();
		/* The true offset lies in [boot - after, boot - before] (signed: without a suspend
		 * the lower bound is slightly negative). */
		s64 off = (s64)cc->boot_offset, lo = (s64)(boot - after), hi = (s64)(boot - before);
		if (off < lo || off > hi)
			cc->boot_offset = (u64)lo;
		cc->checked = after;
	}
	return set->boot_time + mono + cc->boot_offset;
}

/* ---------------------------------------------------------------------------------------- */
/* Low-level writers (inlined into the global functions that use them)                      */
/* ---------------------------------------------------------------------------------------- */

static __always_inline void put_len(struct scratch *s, u32 len)
{
	u32 i = s->nparams;
	if (i >= 32)
		return;
	*(u16 *)&s->buf[LEN_OFF(i)] = (u16)len;
	s->nparams = i + 1;
}

static __always_inline void put_fixed(struct scratch *s, u64 v, u32 size)
{
	u32 off = s->pos & (SCRATCH_HALF - 1);
	switch (size) {
	case 1:
		*(u8 *)&s->buf[off] = (u8)v;
		break;
	case 2:
		*(u16 *)&s->buf[off] = (u16)v;
		break;
	case 4:
		*(u32 *)&s->buf[off] = (u32)v;
		break;
	case 8:
		*(u64 *)&s->buf[off] = v;
		break;
	default:
		size = 0;
	}
	s->pos += size;
	put_len(s, size);
}

/* Appends raw bytes without closing a parameter. */
static __always_inline void append_u8(struct scratch *s, u8 v)
{
	s->buf[s->pos & (SCRATCH_HALF - 1)] = v;
	s->pos += 1;
}

static __always_inline void put_user_str(struct scratch *s, u64 ptr)
{
	long n = 0;
	if (ptr)
		n = bpf_probe_read_user_str(&s->buf[s->pos & (SCRATCH_HALF - 1)], MAX_STR,
					    (void *)ptr);
	if (n < 0)
		n = 0;
	n &= (MAX_STR * 2 - 1);
	s->pos += n;
	put_len(s, n);
}

static __always_inline void put_user_buf(struct scratch *s, u64 ptr, u64 n)
{
	if (!ptr || (s64)n <= 0) {
		put_len(s, 0);
		return;
	}
	if (n > MAX_SNAPLEN)
		n = MAX_SNAPLEN;
	if (bpf_probe_read_user(&s->buf[s->pos & (SCRATCH_HALF - 1)], n, (void *)ptr) < 0) {
		put_len(s, 0);
		return;
	}
	s->pos += n;
	put_len(s, n);
}

/* ---------------------------------------------------------------------------------------- */
/* Event framing                                                                              */
/* ---------------------------------------------------------------------------------------- */

static __always_inline void begin_event(struct scratch *s, u32 type, u32 nparams)
{
	s->type = type;
	s->total = nparams;
	s->nparams = 0;
	s->pos = PPM_HEADER_SIZE + 2 * nparams;
}

static __always_inline void count_buffer_drop(struct drop_counters *c, u32 type)
{
	c->n_drops_buffer++;
	switch (type) {
	case PPME_SYSCALL_CLONE_20_X:
	case PPME_SYSCALL_CLONE3_X:
	case PPME_SYSCALL_FORK_20_X:
	case PPME_SYSCALL_VFORK_20_X:
		c->n_drops_buffer_clone_fork_exit++;
		break;
	case PPME_SYSCALL_EXECVE_19_X:
	case PPME_SYSCALL_EXECVEAT_X:
		c->n_drops_buffer_execve_exit++;
		break;
	case PPME_SOCKET_CONNECT_E:
		c->n_drops_buffer_connect_enter++;
		break;
	case PPME_SOCKET_CONNECT_X:
		c->n_drops_buffer_connect_exit++;
		break;
	case PPME_SYSCALL_OPEN_E:
	case PPME_SYSCALL_OPENAT_2_E:
	case PPME_SYSCALL_OPENAT2_E:
	case PPME_SYSCALL_CREAT_E:
		c->n_drops_buffer_open_enter++;
		break;
	case PPME_SYSCALL_OPEN_X:
	case PPME_SYSCALL_OPENAT_2_X:
	case PPME_SYSCALL_OPENAT2_X:
	case PPME_SYSCALL_CREAT_X:
	case PPME_SYSCALL_OPEN_BY_HANDLE_AT_X:
		c->n_drops_buffer_open_exit++;
		break;
	case PPME_SYSCALL_MKDIR_2_X:
	case PPME_SYSCALL_MKDIRAT_X:
	case PPME_SYSCALL_RMDIR_2_X:
	case PPME_SYSCALL_UNLINK_2_X:
	case PPME_SYSCALL_UNLINKAT_2_X:
	case PPME_SYSCALL_RENAME_X:
	case PPME_SYSCALL_RENAMEAT_X:
	case PPME_SYSCALL_RENAMEAT2_X:
	case PPME_SYSCALL_LINK_2_X:
	case PPME_SYSCALL_LINKAT_2_X:
	case PPME_SYSCALL_SYMLINK_X:
	case PPME_SYSCALL_SYMLINKAT_X:
	case PPME_SYSCALL_CHMOD_X:
	case PPME_SYSCALL_FCHMOD_X:
	case PPME_SYSCALL_FCHMODAT_X:
	case PPME_SYSCALL_CHDIR_X:
	case PPME_SYSCALL_FCHDIR_X:
		c->n_drops_buffer_dir_file_exit++;
		break;
	case PPME_SYSCALL_CLOSE_X:
		c->n_drops_buffer_close_exit++;
		break;
	case PPME_PROCEXIT_1_E:
		c->n_drops_buffer_proc_exit++;
		break;
	default:
		c->n_drops_buffer_other_interest_exit++;
	}
}

/* tgid % parts, without the division when parts is a power of two (the usual core counts). */
static __always_inline u32 ring_of(u32 tgid, u32 parts)
{
	if ((parts & (parts - 1)) == 0)
		return tgid & (parts - 1);
	return tgid % parts;
}

/* Writes the header and copies the finished event into the ring of the tgid in `pid_tgid`
 * (the current task's, tgid << 32 | tid). */
static __always_inline int emit_scratch(struct scratch *s, u64 pid_tgid)
{
	struct drop_counters *c = get_counters();
	struct probe_settings *set = get_settings();
	if (!c || !set)
		return 0;
	u32 len = s->pos;
	if (len > MAX_EVENT_SIZE) {
		c->n_drops_max_event_size++;
		return 0;
	}
	*(u64 *)&s->buf[0] = event_ts(set);
	*(u64 *)&s->buf[8] = (u32)pid_tgid;
	*(u32 *)&s->buf[16] = len;
	*(u16 *)&s->buf[20] = (u16)s->type;
	*(u32 *)&s->buf[22] = s->nparams;
	u32 parts = set->partitions;
	if (parts == 0)
		return 0;
	u32 ring = ring_of((u32)(pid_tgid >> 32), parts);
	void *rb = bpf_map_lookup_elem(&ringbuf_maps, &ring);
	if (!rb) {
		c->n_drops_bug++;
		return 0;
	}
	if (bpf_ringbuf_output(rb, s->buf, len, BPF_RB_NO_WAKEUP) != 0) {
		count_buffer_drop(c, s->type);
		return 0;
	}
	c->n_evts++;
	return 1;
}

/* emit_scratch() for the hand-written events of proc.bpf.h: checked once by the verifier. */
__noinline int emit_event(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	return emit_scratch(s, bpf_get_current_pid_tgid());
}

/* ---------------------------------------------------------------------------------------- */
/* Kernel object helpers                                                                      */
/* ---------------------------------------------------------------------------------------- */

/* Turns a kernel address into a read-only BTF pointer: fields are then read with plain loads
 * (the JIT guards them) instead of one bpf_probe_read_kernel helper call each. */
extern void *bpf_rdonly_cast(const void *obj__ign, __u32 btf_id__k) __ksym;

/* The file behind `fd` of `task` (a BTF pointer, e.g. bpf_get_current_task_btf()), as a
 * read-only BTF pointer, or NULL. One helper call: the fd array slot (a pointer to pointers is
 * not a BTF-typed load). */
static __always_inline struct file *fd_to_file(struct task_struct *task, s64 fd)
{
	if (fd < 0)
		return NULL;
	struct files_struct *files = task->files;
	if (!files)
		return NULL;
	struct fdtable *fdt = files->fdt;
	if (!fdt)
		return NULL;
	if ((u64)fd >= fdt->max_fds)
		return NULL;
	struct file **fds = fdt->fd;
	struct file *f = NULL;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	if (!f)
		return NULL;
	return bpf_rdonly_cast(f, bpf_core_type_id_kernel(struct file));
}

/* new_encode_dev() of a kernel dev_t (major << 20 | minor). */
static __always_inline u32 encode_dev(u32 dev)
{
	u32 major = dev >> 20, minor = dev & 0xfffff;
	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static __always_inline u32 pid_level_nr(struct pid *pid, int want_level)
{
	if (!pid)
		return 0;
	u32 level = want_level < 0 ? BPF_CORE_READ(pid, level) : (u32)want_level;
	struct upid up = {};
	bpf_probe_read_kernel(&up, sizeof(up), &pid->numbers[level & 31]);
	return up.nr;
}

#include "convert.bpf.h"
#include "net.bpf.h"
#include "task.bpf.h"

/* ---------------------------------------------------------------------------------------- */
/* The recipe interpreter                                                                     */
/* ---------------------------------------------------------------------------------------- */

static __always_inline u64 read_user_word(u64 ptr, u32 word, u32 wide)
{
	if (!ptr)
		return 0;
	if (wide) {
		u64 v = 0;
		bpf_probe_read_user(&v, sizeof(v), (void *)(ptr + 8 * word));
		return v;
	}
	u32 v = 0;
	bpf_probe_read_user(&v, sizeof(v), (void *)(ptr + 4 * word));
	return v;
}

#define MAX_IOVS 16

struct iov_walk {
	u64 iov;
	u64 left;
};

/* Appends the bytes of iovec `index` while the byte budget lasts; bpf_loop callback. */
static long iov_step(u32 index, void *ctx)
{
	struct iov_walk *w = ctx;
	struct scratch *s = get_scratch();
	if (!s || !w->left)
		return 1;
	struct iovec v = {};
	if (bpf_probe_read_user(&v, sizeof(v), (void *)(w->iov + (u64)index * sizeof(v))) < 0)
		return 1;
	u64 n = v.iov_len;
	if (n > w->left)
		n = w->left;
	if (n > MAX_SNAPLEN)
		n = MAX_SNAPLEN;
	if (n && bpf_probe_read_user(&s->buf[s->pos & (SCRATCH_HALF - 1)], n, v.iov_base) == 0) {
		s->pos += n;
		w->left -= n;
	}
	return 0;
}

#define OVERLAYFS_SUPER_MAGIC 0x794c7630
#define PPM_FD_UPPER_LAYER (1 << 15)
#define PPM_FD_LOWER_LAYER (1 << 16)

/* The file behind the syscall's returned fd: open-family exits read it for up to three
 * parameters (flags, dev, ino), so it is looked up once per event. */
static __always_inline struct file *ret_file(struct scratch *s)
{
	if (!s->ret_file_done) {
		s->ret_file = (u64)fd_to_file(bpf_get_current_task_btf(), s->ret);
		s->ret_file_done = 1;
	}
	if (!s->ret_file)
		return NULL;
	return bpf_rdonly_cast((void *)s->ret_file, bpf_core_type_id_kernel(struct file));
}

/* 1 = the inode is an overlayfs inode on the upper layer, 2 = lower layer, 0 = not overlayfs.
 * The upper dentry pointer sits right after the embedded vfs inode of struct ovl_inode (a
 * module type, absent from vmlinux BTF). */
static __always_inline u32 overlay_layer(struct inode *ino)
{
	if (!ino || BPF_CORE_READ(ino, i_sb, s_magic) != OVERLAYFS_SUPER_MAGIC)
		return 0;
	struct dentry *upper = NULL;
	bpf_probe_read_kernel(&upper, sizeof(upper), (void *)ino + bpf_core_type_size(struct inode));
	return upper ? 1 : 2;
}

/* Extra ppm bits of an open-family exit's flags: PPM_O_F_CREATED when this open created its
 * file (FMODE_CREATED, bit 20 of f_mode) and the overlayfs layer of the file. */
static __always_inline u64 open_created(struct scratch *s, u32 conv)
{
	if (conv != CV_OPEN_FLAGS || s->enter || s->ret < 0)
		return 0;
	switch (s->type) {
	case PPME_SYSCALL_OPEN_X:
	case PPME_SYSCALL_OPENAT_2_X:
	case PPME_SYSCALL_OPENAT2_X:
	case PPME_SYSCALL_OPEN_BY_HANDLE_AT_X:
		break;
	default:
		return 0;
	}
	struct file *f = ret_file(s);
	if (!f)
		return 0;
	u64 v = (f->f_mode & (1 << 20)) ? PPM_O_F_CREATED : 0;
	u32 layer = overlay_layer(f->f_inode);
	if (layer == 1)
		v |= PPM_FD_UPPER_LAYER;
	else if (layer == 2)
		v |= PPM_FD_LOWER_LAYER;
	return v;
}

/* Writes parameter i of the current event from the recipe of its syscall. */
__noinline int push_recipe_param(u64 i)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	u32 nr = s->nr;
	if (nr >= SYSCALL_TABLE_SIZE)
		return 0;
	if (i >= MAX_RECIPE_PARAMS)
		return 0;
	/* Keep the compiler from using an unchecked copy of the indexes. */
	asm volatile("" : "+r"(nr));
	asm volatile("" : "+r"(i));
	const struct syscall_recipe *r = s->enter ? &enter_recipes[nr] : &exit_recipes[nr];
	const struct recipe_param *p = &r->p[i];
	u32 arg = p->arg & 7;
	u64 a = arg < 6 ? s->args[arg] : 0;
	/* The task only for the kinds that need it: the helper call costs ~20 ns. */
	struct task_struct *task;
	switch (p->kind) {
	case K_RET:
		put_fixed(s, s->ret, p->size);
		break;
	case K_ARG:
		put_fixed(s, convert_value(p->aux, a) | open_created(s, p->aux), p->size);
		break;
	case K_UMEM64:
	case K_UMEM32:
		put_fixed(s, convert_value(p->aux, read_user_word(a, p->arg >> 3, p->kind == K_UMEM64)) |
			     open_created(s, p->aux),
			  p->size);
		break;
	case K_STR:
		put_user_str(s, a);
		break;
	case K_STR_IF:
		if (s->args[0] == p->aux)
			put_user_str(s, a);
		else
			put_len(s, 0);
		break;
	case K_BUF: {
		u64 n = p->aux == 0xff ? (u64)s->ret : s->args[p->aux & 7];
		struct probe_settings *set = get_settings();
		u64 snap = set && set->snaplen ? set->snaplen : DEFAULT_SNAPLEN;
		if (n > snap)
			n = snap;
		put_user_buf(s, a, n);
		break;
	}
	case K_SOCKADDR:
		put_user_sockaddr(s, a, s->args[p->aux & 7]);
		break;
	case K_TUPLE: {
		s64 fd = p->arg == 0xff ? s->ret : (s64)(s32)a;
		u32 ua = p->aux >> 4;
		u64 uaddr = ua ? s->args[(ua - 1) & 7] : 0;
		if (uaddr && (p->aux & 2)) {
			/* struct user_msghdr: msg_name is its first member. */
			u64 name = 0;
			bpf_probe_read_user(&name, sizeof(name), (void *)uaddr);
			uaddr = name;
		}
		task = bpf_get_current_task_btf();
		put_socktuple(s, fd_to_file(task, fd), p->aux & 1, uaddr);
		break;
	}
	case K_IOV: {
		u64 iov = a, cnt = s->args[(arg + 1) & 7];
		if (p->aux == 1 && a) {
			/* struct user_msghdr: msg_iov at 16, msg_iovlen at 24. */
			iov = read_user_word(a, 2, 1);
			cnt = read_user_word(a, 3, 1);
		}
		struct probe_settings *set = get_settings();
		u64 snap = set && set->snaplen ? set->snaplen : DEFAULT_SNAPLEN;
		u64 budget = s->ret > 0 ? (u64)s->ret : 0;
		if (budget > snap)
			budget = snap;
		u32 start = s->pos;
		struct iov_walk w = {.iov = iov, .left = budget};
		if (iov && budget)
			bpf_loop(cnt < MAX_IOVS ? cnt : MAX_IOVS, iov_step, &w, 0);
		put_len(s, s->pos - start);
		break;
	}
	case K_UNIX_SK: {
		s32 fd = -1;
		if (a)
			bpf_probe_read_user(&fd, sizeof(fd), (void *)a);
		task = bpf_get_current_task_btf();
		struct file *f = fd_to_file(task, fd);
		struct socket *sock = f ? BPF_CORE_READ(f, private_data) : NULL;
		struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
		if (sk && p->aux)
			sk = BPF_CORE_READ((struct unix_sock *)sk, peer);
		put_fixed(s, (u64)sk, p->size);
		break;
	}
	case K_DYN64:
		append_u8(s, p->aux);
		*(u64 *)&s->buf[s->pos & (SCRATCH_HALF - 1)] = a;
		s->pos += 8;
		put_len(s, 9);
		break;
	case K_ACCEPT_Q: {
		task = bpf_get_current_task_btf();
		struct file *f = fd_to_file(task, (s32)a);
		struct socket *sock = f ? BPF_CORE_READ(f, private_data) : NULL;
		struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
		u32 len = sk ? BPF_CORE_READ(sk, sk_ack_backlog) : 0;
		u32 max = sk ? BPF_CORE_READ(sk, sk_max_ack_backlog) : 0;
		u64 v = p->aux == 1 ? len : p->aux == 2 ? max : (max ? (u64)len * 100 / max : 0);
		put_fixed(s, v, p->size);
		break;
	}
	case K_ZERO:
		put_fixed(s, p->aux ? ~0ULL : 0, p->size);
		break;
	case K_FD_DEV:
	case K_FD_INO: {
		s64 fd = s->ret;
		if (p->aux == 1) {
			s32 ufd = -1;
			if (a)
				bpf_probe_read_user(&ufd, sizeof(ufd), (void *)a);
			fd = ufd;
		}
		struct file *f = NULL;
		if (p->aux == 1)
			f = fd_to_file(bpf_get_current_task_btf(), fd);
		else
			f = ret_file(s);
		struct inode *ino = f ? f->f_inode : NULL;
		u64 v = 0;
		if (ino) {
			if (p->kind == K_FD_INO)
				v = ino->i_ino;
			else
				v = encode_dev(ino->i_sb->s_dev);
		}
		put_fixed(s, v, p->size);
		break;
	}
	case K_CREAT_LAYER: {
		struct file *f = ret_file(s);
		u32 layer = f ? overlay_layer(f->f_inode) : 0;
		put_fixed(s, layer, p->size); /* FD_UPPER_LAYER_CREAT 1, FD_LOWER_LAYER_CREAT 2 */
		break;
	}
	case K_VM:
		task = bpf_get_current_task_btf();
		put_fixed(s, task_vm_kb(task, p->aux), p->size);
		break;
	case K_CAP:
		task = bpf_get_current_task_btf();
		put_fixed(s, task_cap(task, p->aux), p->size);
		break;
	default:
		put_len(s, 0);
	}
	return 0;
}

#include "proc.bpf.h"

/* ---------------------------------------------------------------------------------------- */
/* Programs                                                                                   */
/* ---------------------------------------------------------------------------------------- */

/* x86 thread_info.status bit of a task inside a 32-bit (ia32) syscall. */
#define TS_COMPAT 0x0002

/* PPME_GENERIC_X: header, two u16 lengths, PPM_SC code, native number (34 bytes). */
struct generic_event {
	u64 ts;
	u64 tid;
	u32 len;
	u16 type;
	u32 nparams;
	u16 lens[2];
	u16 ppm_sc;
	u16 native_id;
} __attribute__((packed));

static __always_inline void emit_generic(struct probe_settings *set, struct task_struct *task,
					 u16 ppm_sc, u16 nr)
{
	struct drop_counters *c = get_counters();
	if (!c)
		return;
	u32 ring = ring_of((u32)task->tgid, set->partitions);
	void *rb = bpf_map_lookup_elem(&ringbuf_maps, &ring);
	if (!rb) {
		c->n_drops_bug++;
		return;
	}
	struct generic_event *e = bpf_ringbuf_reserve(rb, sizeof(*e), 0);
	if (!e) {
		c->n_drops_buffer++;
		c->n_drops_buffer_other_interest_exit++;
		return;
	}
	e->ts = event_ts(set);
	e->tid = (u32)task->pid;
	e->len = sizeof(*e);
	e->type = PPME_GENERIC_X;
	e->nparams = 2;
	e->lens[0] = 2;
	e->lens[1] = 2;
	e->ppm_sc = ppm_sc;
	e->native_id = nr;
	bpf_ringbuf_submit(e, BPF_RB_NO_WAKEUP);
	c->n_evts++;
}

/* Common filter: settings present, syscall selected, not a 32-bit syscall, not our own consumer.
 * The inlined map lookups come first so that an uninteresting syscall returns before any helper
 * call (each costs ~20 ns on this VM); the task is read once, through its BTF pointer.
 * 32-bit syscalls are skipped: their numbers are not x86_64 numbers and the recipes would
 * misread them. */
static __always_inline struct probe_settings *should_trace(u32 nr, struct task_struct **taskp)
{
	struct probe_settings *set = get_settings();
	if (!set || set->partitions == 0)
		return NULL;
	if (nr >= SYSCALL_SLOTS)
		return NULL;
	u8 *on = bpf_map_lookup_elem(&interesting_syscalls, &nr);
	if (!on || !*on)
		return NULL;
	struct task_struct *task = bpf_get_current_task_btf();
	if (task->thread_info.status & TS_COMPAT)
		return NULL;
	if ((u32)task->tgid == set->own_tgid)
		return NULL;
	*taskp = task;
	return set;
}

static __always_inline struct scratch *stash_args(struct pt_regs *regs, long ret, u32 nr,
						    u32 enter)
{
	struct scratch *s = get_scratch();
	if (!s) {
		struct drop_counters *c = get_counters();
		if (c)
			c->n_drops_scratch_map++;
		return NULL;
	}
	s->args[0] = regs->di;
	s->args[1] = regs->si;
	s->args[2] = regs->dx;
	s->args[3] = regs->r10;
	s->args[4] = regs->r8;
	s->args[5] = regs->r9;
	s->ret = ret;
	s->nr = nr;
	s->enter = enter;
	s->ret_file_done = 0;
	return s;
}

static __always_inline void run_recipe(struct scratch *s, const struct syscall_recipe *r,
				       struct task_struct *task)
{
	u32 n = r->nparams;
	begin_event(s, r->type, n);
	for (u32 i = 0; i < MAX_RECIPE_PARAMS; i++) {
		if (i >= n)
			break;
		/* Fixed-size values straight from the registers are written here; a call of the
		 * global interpreter function per parameter cost ~50-100 ns on this VM. */
		const struct recipe_param *p = &r->p[i];
		u32 kind = p->kind;
		if (kind == K_RET) {
			put_fixed(s, s->ret, p->size);
		} else if (kind == K_ARG) {
			u32 arg = p->arg & 7;
			put_fixed(s, convert_value(p->aux, arg < 6 ? s->args[arg] : 0) | open_created(s, p->aux),
				  p->size);
		} else if ((kind == K_FD_DEV || kind == K_FD_INO) && p->aux == 0) {
			/* device or inode of the file behind the returned fd (open family) */
			struct file *f = ret_file(s);
			struct inode *ino = f ? f->f_inode : NULL;
			u64 v = 0;
			if (ino)
				v = kind == K_FD_INO ? ino->i_ino : encode_dev(ino->i_sb->s_dev);
			put_fixed(s, v, p->size);
		} else if (kind == K_ZERO) {
			put_fixed(s, p->aux ? ~0ULL : 0, p->size);
		} else if (kind == K_STR) {
			u32 arg = p->arg & 7;
			put_user_str(s, arg < 6 ? s->args[arg] : 0);
		} else {
			push_recipe_param(i);
		}
	}
	emit_scratch(s, ((u64)(u32)task->tgid << 32) | (u32)task->pid);
}

/* Enter side of syscall `nr` with its six argument registers: TOCTOU enter events and the
 * exec bookkeeping. Shared by the per-syscall tracepoint programs and the sys_enter fallback. */
static __always_inline void on_enter(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	if (nr >= SYSCALL_TABLE_SIZE)
		return;
	if (nr == NR_EXECVE || nr == NR_EXECVEAT) {
		u32 *which = bpf_task_storage_get(&exec_syscall, bpf_get_current_task_btf(), 0,
						  BPF_LOCAL_STORAGE_GET_F_CREATE);
		if (which)
			*which = nr;
		return;
	}
	const struct syscall_recipe *r = &enter_recipes[nr];
	if (r->handler != H_TABLE)
		return;
	struct task_struct *task;
	if (!should_trace(nr, &task))
		return;
	struct scratch *s = get_scratch();
	if (!s) {
		struct drop_counters *c = get_counters();
		if (c)
			c->n_drops_scratch_map++;
		return;
	}
	s->args[0] = a0;
	s->args[1] = a1;
	s->args[2] = a2;
	s->args[3] = a3;
	s->args[4] = a4;
	s->args[5] = a5;
	s->ret = 0;
	s->nr = nr;
	s->enter = 1;
	s->ret_file_done = 0;
	run_recipe(s, r, task);
}

/*
 * Enter side, preferred form: one program per syscall that has an enter event (or exec
 * bookkeeping), on the syscalls:sys_enter_* tracepoints. Other syscalls then run no enter
 * program at all (the kernel's per-syscall bitmap test only), where a tp_btf/sys_enter program
 * costs every syscall ~70 ns under bpf_stats. The loader attaches these and falls back to
 * tp_btf/sys_enter (not auto-attached) when any of them cannot be attached, e.g. without
 * tracefs. The record carries only the syscall's own arguments: the others stay zero.
 */
#define ENTER_TP(name, nr, nargs)                                                              \
	SEC("tracepoint/syscalls/sys_enter_" #name)                                            \
	int sys_enter_##name(struct trace_event_raw_sys_enter *ctx)                            \
	{                                                                                      \
		on_enter(nr, ctx->args[0], nargs > 1 ? ctx->args[1] : 0,                       \
			 nargs > 2 ? ctx->args[2] : 0, nargs > 3 ? ctx->args[3] : 0,           \
			 nargs > 4 ? ctx->args[4] : 0, nargs > 5 ? ctx->args[5] : 0);          \
		return 0;                                                                      \
	}

ENTER_TP(open, 2, 3)
ENTER_TP(openat, 257, 4)
ENTER_TP(openat2, 437, 4)
ENTER_TP(creat, 85, 2)
ENTER_TP(connect, 42, 3)
ENTER_TP(execve, NR_EXECVE, 3)
ENTER_TP(execveat, NR_EXECVEAT, 5)

/* Enter side, fallback form: every syscall. */
SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	if (id < 0 || id >= SYSCALL_TABLE_SIZE)
		return 0;
	on_enter(id, regs->di, regs->si, regs->dx, regs->r10, regs->r8, regs->r9);
	return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	s64 id = regs->orig_ax;
	if (id < 0 || id >= SYSCALL_TABLE_SIZE)
		return 0;
	u32 nr = id;
	struct task_struct *task;
	struct probe_settings *set = should_trace(nr, &task);
	if (!set)
		return 0;
	const struct syscall_recipe *r = &exit_recipes[nr];
	if (set->drop_failed_exit && ret < 0)
		return 0;
	if (r->handler == H_GENERIC) {
		/* The most frequent event: fixed size, written straight into the ring. */
		emit_generic(set, task, r->ppm_sc, nr);
		return 0;
	}
	struct scratch *s = stash_args(regs, ret, nr, 0);
	if (!s)
		return 0;
	switch (r->handler) {
	case H_TABLE:
		run_recipe(s, r, task);
		break;
	case H_EXECVE:
		/* A successful exec is reported by sched_process_exec with the new image. */
		if (ret != 0)
			emit_execve(nr == NR_EXECVEAT, 0);
		break;
	case H_CLONE:
		emit_clone(nr);
		break;
	default:
		emit_generic(set, task, r->ppm_sc, nr);
	}
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(sched_process_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	u32 *which = bpf_task_storage_get(&exec_syscall, bpf_get_current_task_btf(), 0, 0);
	u32 nr = which && *which == NR_EXECVEAT ? NR_EXECVEAT : NR_EXECVE;
	struct task_struct *task;
	if (!should_trace(nr, &task))
		return 0;
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	s->ret = 0;
	s->nr = nr;
	s->enter = 0;
	s->ret_file_done = 0;
	/* The filename as the kernel resolved it: user memory of the old image is gone. */
	s->args[0] = (u64)BPF_CORE_READ(bprm, filename);
	emit_execve(nr == NR_EXECVEAT, 1);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sched_process_exit, struct task_struct *p)
{
	struct probe_settings *set = get_settings();
	if (!set || set->partitions == 0)
		return 0;
	if ((u32)(bpf_get_current_pid_tgid() >> 32) == set->own_tgid)
		return 0;
	emit_procexit();
	return 0;
}
