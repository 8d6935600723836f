/* SPDX-License-Identifier: GPL-2.0-only */
/* Process lifecycle events: clone family, execve family, procexit. Included once. */

#define PPM_CL_CHILD_IN_PIDNS (1 << 29)
#define PPM_EXE_WRITABLE 1
#define PPM_EXE_UPPER_LAYER 2
#define PPM_EXE_FROM_MEMFD 4
#define PPM_EXE_LOWER_LAYER 8
#define PIDTYPE_PGID_IDX 2
#define RLIMIT_NOFILE_IDX 7
#define MAX_EXEC_ARGS 128

/* Parameters exe (argv[0]) and args (argv[1..], NUL-separated) from the task's argument area. */
__noinline int pp_exe_args(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	u64 start = mm ? BPF_CORE_READ(mm, arg_start) : 0;
	u64 end = mm ? BPF_CORE_READ(mm, arg_end) : 0;
	if (!start || end <= start) {
		put_len(s, 0);
		put_len(s, 0);
		return 0;
	}
	u64 total = end - start;
	if (total > MAX_PROC_ARG_ENV)
		total = MAX_PROC_ARG_ENV;
	long n = bpf_probe_read_user_str(&s->buf[s->pos & (SCRATCH_HALF - 1)], MAX_STR, (void *)start);
	if (n <= 0) {
		put_len(s, 0);
		put_len(s, 0);
		return 0;
	}
	n &= (MAX_STR * 2 - 1);
	s->pos += n;
	put_len(s, n);
	if ((u64)n >= total) {
		put_len(s, 0);
		return 0;
	}
	put_user_buf(s, start + n, total - n);
	return 0;
}

struct argv_walk {
	u64 argv;
	u32 total;
};

/* Appends argv[index + 1] (NUL included) while the user array goes on; bpf_loop callback. */
static long argv_step(u32 index, void *ctx)
{
	struct argv_walk *w = ctx;
	struct scratch *s = get_scratch();
	if (!s || w->total >= MAX_PROC_ARG_ENV)
		return 1;
	u64 arg = 0;
	if (bpf_probe_read_user(&arg, sizeof(arg), (void *)(w->argv + 8 * ((u64)index + 1))) < 0 || !arg)
		return 1;
	long n = bpf_probe_read_user_str(&s->buf[s->pos & (SCRATCH_HALF - 1)], MAX_STR, (void *)arg);
	if (n <= 0)
		return 1;
	n &= (MAX_STR * 2 - 1);
	s->pos += n;
	w->total += n;
	return 0;
}

/* Parameters exe and args of a failed exec, from the syscall's user argv array: the task still
 * runs its old image, whose argument area says nothing about what it tried to run. */
__noinline int pp_exe_args_user(u64 argv)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	u64 arg0 = 0;
	if (argv)
		bpf_probe_read_user(&arg0, sizeof(arg0), (void *)argv);
	put_user_str(s, arg0);
	u32 start = s->pos;
	struct argv_walk w = {.argv = argv, .total = 0};
	if (arg0)
		bpf_loop(MAX_EXEC_ARGS, argv_step, &w, 0);
	put_len(s, s->pos - start);
	return 0;
}

/* Parameter env (NUL-separated) from the task's environment area. */
__noinline int pp_env(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	u64 start = mm ? BPF_CORE_READ(mm, env_start) : 0;
	u64 end = mm ? BPF_CORE_READ(mm, env_end) : 0;
	if (!start || end <= start) {
		put_len(s, 0);
		return 0;
	}
	u64 total = end - start;
	if (total > MAX_PROC_ARG_ENV)
		total = MAX_PROC_ARG_ENV;
	put_user_buf(s, start, total);
	return 0;
}

/* Parameters tid, pid, ptid. */
__noinline int pp_ids(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	put_fixed(s, (s64)BPF_CORE_READ(task, pid), 8);
	put_fixed(s, (s64)BPF_CORE_READ(task, tgid), 8);
	put_fixed(s, (s64)BPF_CORE_READ(task, real_parent, pid), 8);
	return 0;
}

/* Parameters fdlimit, pgft_maj, pgft_min, vm_size, vm_rss, vm_swap. */
__noinline int pp_counters(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	put_fixed(s, BPF_CORE_READ(task, signal, rlim[RLIMIT_NOFILE_IDX].rlim_cur), 8);
	put_fixed(s, BPF_CORE_READ(task, maj_flt), 8);
	put_fixed(s, BPF_CORE_READ(task, min_flt), 8);
	put_fixed(s, task_vm_kb(task, 0), 4);
	put_fixed(s, task_vm_kb(task, 1), 4);
	put_fixed(s, task_vm_kb(task, 2), 4);
	return 0;
}

/* Parameter comm. */
__noinline int pp_comm(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	long n = bpf_probe_read_kernel_str(&s->buf[s->pos & (SCRATCH_HALF - 1)], 16, &task->comm);
	if (n < 0)
		n = 0;
	n &= 31;
	s->pos += n;
	put_len(s, n);
	return 0;
}

/* Inode times moved three times: i_ctime (timespec64, < 6.6), __i_ctime (6.6 - 6.10), then
 * i_ctime_sec/i_ctime_nsec (6.11+, whose nsec bit 31 is the multigrain "queried" flag). */
struct inode___pre611 {
	struct timespec64 __i_ctime;
	struct timespec64 i_mtime;
};
struct inode___pre66 {
	struct timespec64 i_ctime;
	struct timespec64 i_mtime;
};

static __always_inline u64 ts_ns(s64 sec, u64 nsec)
{
	return sec * 1000000000ULL + nsec;
}

static __always_inline u64 inode_ctime(struct inode *ino)
{
	if (bpf_core_field_exists(ino->i_ctime_sec))
		return ts_ns(BPF_CORE_READ(ino, i_ctime_sec), BPF_CORE_READ(ino, i_ctime_nsec) & 0x3fffffff);
	if (bpf_core_field_exists(((struct inode___pre611 *)ino)->__i_ctime))
		return ts_ns(BPF_CORE_READ((struct inode___pre611 *)ino, __i_ctime.tv_sec),
			     BPF_CORE_READ((struct inode___pre611 *)ino, __i_ctime.tv_nsec));
	return ts_ns(BPF_CORE_READ((struct inode___pre66 *)ino, i_ctime.tv_sec),
		     BPF_CORE_READ((struct inode___pre66 *)ino, i_ctime.tv_nsec));
}

static __always_inline u64 inode_mtime(struct inode *ino)
{
	if (bpf_core_field_exists(ino->i_mtime_sec))
		return ts_ns(BPF_CORE_READ(ino, i_mtime_sec), BPF_CORE_READ(ino, i_mtime_nsec));
	return ts_ns(BPF_CORE_READ((struct inode___pre66 *)ino, i_mtime.tv_sec),
		     BPF_CORE_READ((struct inode___pre66 *)ino, i_mtime.tv_nsec));
}

static __always_inline u32 task_tty(struct task_struct *task)
{
	struct tty_struct *tty = BPF_CORE_READ(task, signal, tty);
	if (!tty)
		return 0;
	u32 index = BPF_CORE_READ(tty, index);
	u32 major = BPF_CORE_READ(tty, driver, major);
	u32 minor = BPF_CORE_READ(tty, driver, minor_start);
	return encode_dev(((major << 20) | minor) + index);
}

/* Parameters tty, vpgid, loginuid, flags, cap_inheritable, cap_permitted, cap_effective,
 * exe_ino, exe_ino_ctime, exe_ino_mtime, uid. */
__noinline int pp_exec_tail(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct pid *pgrp = BPF_CORE_READ(task, signal, pids[PIDTYPE_PGID_IDX]);
	put_fixed(s, task_tty(task), 4);
	put_fixed(s, (s64)(s32)pid_level_nr(pgrp, -1), 8);
	u32 loginuid = 0xffffffff;
	if (bpf_core_field_exists(task->loginuid))
		loginuid = BPF_CORE_READ(task, loginuid.val);
	put_fixed(s, loginuid, 4);

	struct file *exe = BPF_CORE_READ(task, mm, exe_file);
	struct inode *ino = exe ? BPF_CORE_READ(exe, f_inode) : NULL;
	const struct cred *cred = BPF_CORE_READ(task, cred);
	u32 euid = BPF_CORE_READ(cred, euid.val);
	u32 flags = 0;
	if (ino) {
		u32 mode = BPF_CORE_READ(ino, i_mode);
		u32 iuid = BPF_CORE_READ(ino, i_uid.val);
		u32 igid = BPF_CORE_READ(ino, i_gid.val);
		u32 fsuid = BPF_CORE_READ(cred, fsuid.val);
		u32 fsgid = BPF_CORE_READ(cred, fsgid.val);
		u64 eff = BPF_CORE_READ(cred, cap_effective.val);
		if ((mode & 02) || (iuid == fsuid && (mode & 0200)) ||
		    (igid == fsgid && (mode & 020)) || (eff & (1ULL << 1) /* CAP_DAC_OVERRIDE */))
			flags |= PPM_EXE_WRITABLE;
		u32 layer = overlay_layer(ino);
		if (layer == 1)
			flags |= PPM_EXE_UPPER_LAYER;
		else if (layer == 2)
			flags |= PPM_EXE_LOWER_LAYER;
		char prefix[6] = {};
		bpf_probe_read_kernel(prefix, sizeof(prefix), BPF_CORE_READ(exe, f_path.dentry, d_name.name));
		if (prefix[0] == 'm' && prefix[1] == 'e' && prefix[2] == 'm' && prefix[3] == 'f' &&
		    prefix[4] == 'd' && prefix[5] == ':')
			flags |= PPM_EXE_FROM_MEMFD;
	}
	put_fixed(s, flags, 4);
	put_fixed(s, task_cap(task, 0), 8);
	put_fixed(s, task_cap(task, 1), 8);
	put_fixed(s, task_cap(task, 2), 8);
	u64 ino_nr = 0, ctime = 0, mtime = 0;
	if (ino) {
		ino_nr = BPF_CORE_READ(ino, i_ino);
		ctime = inode_ctime(ino);
		mtime = inode_mtime(ino);
	}
	put_fixed(s, ino_nr, 8);
	put_fixed(s, ctime, 8);
	put_fixed(s, mtime, 8);
	put_fixed(s, euid, 4);
	return 0;
}

/* Parameters pgid, gid (after trusted_exepath). */
__noinline int pp_exec_ids(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct pid *pgrp = BPF_CORE_READ(task, signal, pids[PIDTYPE_PGID_IDX]);
	put_fixed(s, (s64)(s32)pid_level_nr(pgrp, 0), 8);
	put_fixed(s, BPF_CORE_READ(task, cred, egid.val), 4);
	return 0;
}

/* Parameters flags, uid, gid, vtid, vpid, pidns_init_start_ts of a clone-family exit. */
__noinline int pp_clone_tail(u32 nr)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u64 raw = 0;
	if (nr == 56)            /* clone */
		raw = s->args[0];
	else if (nr == 58)       /* vfork: CLONE_VM | CLONE_VFORK */
		raw = 0x4100;
	else if (nr == 435 && s->args[0]) /* clone3: struct clone_args.flags */
		bpf_probe_read_user(&raw, sizeof(raw), (void *)s->args[0]);
	u32 flags = clone_flags_to_ppm(raw);
	struct pid *tpid = BPF_CORE_READ(task, thread_pid);
	u32 level = tpid ? BPF_CORE_READ(tpid, level) : 0;
	if (s->ret == 0 && level > 0)
		flags |= PPM_CL_CHILD_IN_PIDNS;
	put_fixed(s, flags, 4);
	const struct cred *cred = BPF_CORE_READ(task, cred);
	put_fixed(s, BPF_CORE_READ(cred, euid.val), 4);
	put_fixed(s, BPF_CORE_READ(cred, egid.val), 4);
	put_fixed(s, (s64)(s32)pid_level_nr(tpid, -1), 8);
	put_fixed(s, (s64)(s32)pid_level_nr(BPF_CORE_READ(task, group_leader, thread_pid), -1), 8);
	u64 start = 0;
	if (tpid) {
		struct upid up = {};
		bpf_probe_read_kernel(&up, sizeof(up), &tpid->numbers[level & 31]);
		if (up.ns)
			start = BPF_CORE_READ(up.ns, child_reaper, group_leader, start_time);
	}
	put_fixed(s, start, 8);
	return 0;
}

/* The execve / execveat exit event; success = called from sched_process_exec. */
__noinline int emit_execve(u32 is_at, u32 success)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	begin_event(s, is_at ? PPME_SYSCALL_EXECVEAT_X : PPME_SYSCALL_EXECVE_19_X, is_at ? 30 : 31);
	put_fixed(s, s->ret, 8);
	if (success)
		pp_exe_args();
	else
		pp_exe_args_user(is_at ? s->args[2] : s->args[1]);
	pp_ids();
	pp_task_path(0);
	pp_counters();
	pp_comm();
	pp_cgroups();
	pp_env();
	pp_exec_tail();
	pp_task_path(1);
	pp_exec_ids();
	if (!is_at) {
		u64 fname = s->args[0];
		long n = 0;
		u8 *dst = &s->buf[s->pos & (SCRATCH_HALF - 1)];
		if (success)
			n = bpf_probe_read_kernel_str(dst, MAX_STR, (void *)fname);
		else if (fname)
			n = bpf_probe_read_user_str(dst, MAX_STR, (void *)fname);
		if (n < 0)
			n = 0;
		n &= (MAX_STR * 2 - 1);
		s->pos += n;
		put_len(s, n);
	}
	emit_event();
	return 0;
}

/* The clone / clone3 / fork / vfork exit event, in the parent (res = child tid) and in the
 * child (res = 0); the process fields are those of the task returning from the syscall. */
__noinline int emit_clone(u32 nr)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	u32 type = nr == 435 ? PPME_SYSCALL_CLONE3_X :
		   nr == 57 ? PPME_SYSCALL_FORK_20_X :
		   nr == 58 ? PPME_SYSCALL_VFORK_20_X : PPME_SYSCALL_CLONE_20_X;
	begin_event(s, type, 21);
	put_fixed(s, s->ret, 8);
	pp_exe_args();
	pp_ids();
	pp_task_path(0);
	pp_counters();
	pp_comm();
	pp_cgroups();
	pp_clone_tail(nr);
	emit_event();
	return 0;
}

#define MAX_REAPER_HOPS 16

struct reaper_walk {
	struct task_struct *t;
	s64 found;
};

/* One step up the parent chain looking for a child subreaper; bpf_loop callback. */
static long reaper_step(u32 index, void *ctx)
{
	struct reaper_walk *w = ctx;
	struct task_struct *cur = w->t;
	struct task_struct *parent = BPF_CORE_READ(cur, real_parent);
	if (!parent || parent == cur)
		return 1;
	struct signal_struct *sig = BPF_CORE_READ(parent, signal);
	if (sig && BPF_CORE_READ_BITFIELD_PROBED(sig, is_child_subreaper)) {
		w->found = BPF_CORE_READ(parent, tgid);
		return 1;
	}
	if (BPF_CORE_READ(parent, pid) <= 1)
		return 1;
	w->t = parent;
	return 0;
}

/* Who inherits the children of an exiting thread, as the kernel will decide: another live
 * thread of the group, else the closest child-subreaper ancestor, else the pid namespace's
 * init. 0 when the thread has no children (nothing to re-parent). */
static __always_inline s64 find_reaper(struct task_struct *task)
{
	struct list_head *children = &task->children;
	if (BPF_CORE_READ(task, children.next) == children)
		return 0;
	struct signal_struct *sig = BPF_CORE_READ(task, signal);
	if (BPF_CORE_READ(sig, live.counter) > 0) {
		struct task_struct *leader = BPF_CORE_READ(task, group_leader);
		if (leader != task)
			return BPF_CORE_READ(leader, pid);
		/* The leader exits first: take the next thread of the group. */
		struct list_head *next = BPF_CORE_READ(task, thread_node.next);
		struct task_struct *t = (void *)next - bpf_core_field_offset(struct task_struct, thread_node);
		if ((void *)next != (void *)&sig->thread_head && t != task)
			return BPF_CORE_READ(t, pid);
	}
	struct reaper_walk w = {.t = task, .found = 0};
	bpf_loop(MAX_REAPER_HOPS, reaper_step, &w, 0);
	if (w.found)
		return w.found;
	struct pid *tpid = BPF_CORE_READ(task, thread_pid);
	if (!tpid)
		return 0;
	u32 level = BPF_CORE_READ(tpid, level);
	struct upid up = {};
	bpf_probe_read_kernel(&up, sizeof(up), &tpid->numbers[level & 31]);
	return up.ns ? BPF_CORE_READ(up.ns, child_reaper, pid) : 0;
}

/* PROCEXIT_1_E for the exiting thread. */
__noinline int emit_procexit(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	s32 code = BPF_CORE_READ(task, exit_code);
	begin_event(s, PPME_PROCEXIT_1_E, 5);
	put_fixed(s, (s64)code, 8);
	put_fixed(s, (s64)((code >> 8) & 0xff), 8);
	put_fixed(s, code & 0x7f, 1);
	put_fixed(s, (code & 0x80) ? 1 : 0, 1);
	put_fixed(s, find_reaper(task), 8);
	emit_event();
	return 0;
}
