/* SPDX-License-Identifier: GPL-2.0-only */
/* Task fields and kernel path reconstruction. Included once. */

#define MAX_PATH_COMPONENTS 48
#define MAX_CGROUP_DEPTH 16

/* Before 6.2 the rss counters were a struct of atomics, not per-CPU counters. */
struct mm_rss_stat___old {
	atomic_long_t count[4];
};
struct mm_struct___old {
	struct mm_rss_stat___old rss_stat;
};

#define MM_COUNTER(mm, i)                                                                  \
	(bpf_core_type_exists(struct mm_rss_stat___old) ?                                  \
		 BPF_CORE_READ((struct mm_struct___old *)(mm), rss_stat.count[i].counter) :  \
		 BPF_CORE_READ((mm), rss_stat[i].count))

static __always_inline u64 task_vm_kb(struct task_struct *task, u32 which)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	if (!mm)
		return 0;
	if (which == 0)
		return BPF_CORE_READ(mm, total_vm) << 2;
	s64 file = MM_COUNTER(mm, 0);  /* MM_FILEPAGES */
	s64 anon = MM_COUNTER(mm, 1);  /* MM_ANONPAGES */
	s64 swap = MM_COUNTER(mm, 2);  /* MM_SWAPENTS */
	s64 shmem = MM_COUNTER(mm, 3); /* MM_SHMEMPAGES */
	s64 pages = which == 1 ? file + anon + shmem : swap;
	return pages > 0 ? (u64)pages << 2 : 0;
}

static __always_inline u64 task_cap(struct task_struct *task, u32 which)
{
	const struct cred *cred = BPF_CORE_READ(task, cred);
	if (which == 0)
		return BPF_CORE_READ(cred, cap_inheritable.val);
	if (which == 1)
		return BPF_CORE_READ(cred, cap_permitted.val);
	return BPF_CORE_READ(cred, cap_effective.val);
}

/* Copies tmp[pos .. TMP_HALF] (a string built backwards, NUL at TMP_HALF) as one parameter. */
static __always_inline void put_tmp_string(struct scratch *s, u32 pos)
{
	if (pos > TMP_HALF)
		pos = TMP_HALF;
	u32 n = (TMP_HALF - pos + 1) & (2 * TMP_HALF - 1);
	bpf_probe_read_kernel(&s->buf[s->pos & (SCRATCH_HALF - 1)], n, &s->tmp[pos & (2 * TMP_HALF - 1)]);
	s->pos += n;
	put_len(s, n);
}

/* Prepends "/" + name to the backwards string ending at TMP_HALF; returns the new start. */
static __always_inline u32 prepend_component(struct scratch *s, u32 pos, const void *name, u32 len)
{
	len &= 255;
	if (len + 1 >= pos)
		return pos;
	pos -= len;
	bpf_probe_read_kernel(&s->tmp[pos & (TMP_HALF - 1)], len, name);
	pos -= 1;
	s->tmp[pos & (TMP_HALF - 1)] = '/';
	return pos;
}

struct dpath_walk {
	struct dentry *d;
	struct mount *mnt;
	struct dentry *root;        /* the task's root (chroot): paths stop there */
	struct vfsmount *root_mnt;
	u32 pos;
};

/* One step of the walk towards the root; bpf_loop callback so the verifier checks it once. */
static long dpath_step(u32 index, void *ctx)
{
	struct dpath_walk *w = ctx;
	struct scratch *s = get_scratch();
	if (!s)
		return 1;
	struct dentry *d = w->d;
	struct mount *mnt = w->mnt;
	if (d == w->root && (void *)mnt + bpf_core_field_offset(struct mount, mnt) == (void *)w->root_mnt)
		return 1;
	struct dentry *mnt_root = BPF_CORE_READ(mnt, mnt.mnt_root);
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	if (d == mnt_root || d == parent) {
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);
		if (d != mnt_root) {
			/* A disconnected or pseudo-filesystem dentry (memfd, pipe...) is its own
			 * root: name it by itself, like d_path does ("/memfd:name"). */
			if (w->pos == TMP_HALF)
				w->pos = prepend_component(s, w->pos, BPF_CORE_READ(d, d_name.name),
							   BPF_CORE_READ(d, d_name.len));
			return 1;
		}
		if (mnt == up)
			return 1;
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		return 0;
	}
	u32 len = BPF_CORE_READ(d, d_name.len);
	const u8 *name = BPF_CORE_READ(d, d_name.name);
	u32 pos = w->pos;
	u32 npos = prepend_component(s, pos, name, len);
	if (npos == pos)
		return 1;
	w->pos = npos;
	w->d = parent;
	return 0;
}

/* Absolute path of (dentry, vfsmount), crossing mount points up to the root mount. */
static __always_inline u32 build_dpath(struct scratch *s, struct dentry *d, struct vfsmount *vfsmnt)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct dpath_walk w = {
		.d = d,
		.mnt = (struct mount *)((void *)vfsmnt - bpf_core_field_offset(struct mount, mnt)),
		.root = BPF_CORE_READ(task, fs, root.dentry),
		.root_mnt = BPF_CORE_READ(task, fs, root.mnt),
		.pos = TMP_HALF,
	};
	s->tmp[TMP_HALF] = 0;
	bpf_loop(MAX_PATH_COMPONENTS, dpath_step, &w, 0);
	u32 pos = w.pos;
	if (pos >= TMP_HALF) {
		pos = TMP_HALF - 1;
		s->tmp[TMP_HALF - 1] = '/';
	}
	return pos;
}

/* Parameter: current working directory (which 0) or executable path (which 1). */
__noinline int pp_task_path(u64 which)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct path p = {};
	if (which == 0) {
		p = BPF_CORE_READ(task, fs, pwd);
	} else {
		struct file *exe = BPF_CORE_READ(task, mm, exe_file);
		if (exe)
			p = BPF_CORE_READ(exe, f_path);
	}
	if (!p.dentry || !p.mnt) {
		put_len(s, 0);
		return 0;
	}
	put_tmp_string(s, build_dpath(s, p.dentry, p.mnt));
	return 0;
}

/* Kernel 6.15 renamed kernfs_node.parent to __parent; accept both. */
struct kernfs_node___old {
	struct kernfs_node *parent;
};

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	if (bpf_core_field_exists(((struct kernfs_node___old *)0)->parent))
		return BPF_CORE_READ((struct kernfs_node___old *)kn, parent);
	return BPF_CORE_READ(kn, __parent);
}

struct kn_walk {
	struct kernfs_node *kn;
	u32 pos;
};

/* One step of a cgroup path walk: prepend "/" + the node's name, move to its parent. */
static long kn_step(u32 index, void *ctx)
{
	struct kn_walk *w = ctx;
	struct scratch *s = get_scratch();
	if (!s)
		return 1;
	struct kernfs_node *kn = w->kn;
	struct kernfs_node *parent = kn_parent(kn);
	if (!parent)
		return 1;
	const char *name = BPF_CORE_READ(kn, name);
	/* Read the name into a staging slot above the string, then place it below pos. */
	long n = bpf_probe_read_kernel_str(&s->tmp[TMP_HALF + 256], 256, name);
	if (n <= 1)
		return 1;
	u32 len = (n - 1) & 255;
	u32 pos = w->pos;
	if (len + 1 >= pos || pos > TMP_HALF)
		return 1;
	bpf_probe_read_kernel(&s->tmp[(pos - len) & (TMP_HALF - 1)], len, &s->tmp[TMP_HALF + 256]);
	pos = pos - len - 1;
	s->tmp[pos & (TMP_HALF - 1)] = '/';
	w->pos = pos;
	w->kn = parent;
	return 0;
}

/* Appends "<subsystem>=<cgroup path>\0" for subsystem i; returns 0 when it has none. */
__noinline int pp_cgroup_entry(u64 i)
{
	struct scratch *s = get_scratch();
	if (!s || i >= CGROUP_SUBSYS_COUNT)
		return 0;
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct cgroup_subsys_state *css = BPF_CORE_READ(task, cgroups, subsys[i]);
	if (!css)
		return 0;
	const char *ss_name = BPF_CORE_READ(css, ss, name);
	struct kernfs_node *kn = BPF_CORE_READ(css, cgroup, kn);
	if (!ss_name || !kn)
		return 0;
	struct kn_walk w = {.kn = kn, .pos = TMP_HALF};
	s->tmp[TMP_HALF] = 0;
	bpf_loop(MAX_CGROUP_DEPTH, kn_step, &w, 0);
	u32 pos = w.pos;
	if (pos >= TMP_HALF) {
		pos = TMP_HALF - 1;
		s->tmp[TMP_HALF - 1] = '/';
	}
	long n = bpf_probe_read_kernel_str(&s->buf[s->pos & (SCRATCH_HALF - 1)], 64, ss_name);
	if (n <= 1)
		return 0;
	s->pos += (n - 1) & 63;
	append_u8(s, '=');
	u32 plen = (TMP_HALF - pos + 1) & (2 * TMP_HALF - 1);
	bpf_probe_read_kernel(&s->buf[s->pos & (SCRATCH_HALF - 1)], plen, &s->tmp[pos & (2 * TMP_HALF - 1)]);
	s->pos += plen;
	return 1;
}

/* Parameter: all cgroups of the current task as NUL-separated "subsys=path" entries. */
__noinline int pp_cgroups(void)
{
	struct scratch *s = get_scratch();
	if (!s)
		return 0;
	u32 start = s->pos;
	for (u32 i = 0; i < CGROUP_SUBSYS_COUNT && i < 16; i++)
		pp_cgroup_entry(i);
	s = get_scratch();
	if (!s)
		return 0;
	put_len(s, s->pos - start);
	return 0;
}
