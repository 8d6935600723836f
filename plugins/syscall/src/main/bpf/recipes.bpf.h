/* SPDX-License-Identifier: GPL-2.0-only */
/* Vocabulary of the generated recipe table (peregrine_syscall_table.h). */
#ifndef PEREGRINE_RECIPES_BPF_H
#define PEREGRINE_RECIPES_BPF_H

#define MAX_RECIPE_PARAMS 18

/* How a syscall's event is produced. */
enum recipe_handler {
	H_GENERIC = 0, /* PPME_GENERIC_X with the PPM_SC code and the native number */
	H_TABLE,       /* interpret the parameter recipes */
	H_EXECVE,      /* execve / execveat: process fields (proc.bpf.h) */
	H_CLONE,       /* clone, clone3, fork, vfork: process fields for parent and child */
};

/* Where one parameter's value comes from. */
enum recipe_kind {
	K_EMPTY = 0,  /* zero-length parameter */
	K_RET,        /* syscall return value, `size` bytes */
	K_ARG,        /* raw argument `arg`, converted by `aux` (enum value_conv), `size` bytes */
	K_STR,        /* NUL-terminated user string at argument `arg` */
	K_STR_IF,     /* user string at argument `arg` only when argument 0 == `aux` */
	K_BUF,        /* user bytes at argument `arg`, length = ret (aux 0xff) or argument `aux` */
	K_SOCKADDR,   /* user sockaddr at argument `arg`, length argument `aux` */
	K_TUPLE,      /* socket tuple of the fd in argument `arg` (0xff = ret); aux bit 0 = inbound,
		       * aux >> 4 = 1 + argument with a user sockaddr for a missing remote end
		       * (bit 1: that argument is a struct msghdr holding the sockaddr) */
	K_UMEM64,     /* u64 word (arg >> 3) of the user struct at argument (arg & 7) */
	K_UMEM32,     /* u32 word (arg >> 3) of the user array at argument (arg & 7) */
	K_ZERO,       /* default value; aux 1 = all ones (uid/gid "none") */
	K_FD_DEV,     /* device of the file behind the returned fd */
	K_FD_INO,     /* inode number of the file behind the returned fd (aux 0), or behind the fd
		       * stored in the user int array at argument `arg` (aux 1) */
	K_VM,         /* current vm size (aux 0), rss (1), swap (2) in KiB */
	K_CAP,        /* current inheritable (aux 0), permitted (1), effective (2) capabilities */
	K_UNIX_SK,    /* kernel socket pointer (aux 0) or its peer's (aux 1) of the fd in the user
		       * int array at argument `arg` (socketpair) */
	K_DYN64,      /* PT_DYN: index byte `aux`, then argument `arg` as u64 */
	K_IOV,        /* data of the iovec array at argument `arg` (count: argument arg + 1), or of
		       * the struct msghdr at argument `arg` (aux 1); up to ret and the snaplen */
	K_CREAT_LAYER, /* overlayfs layer of the file behind the returned fd (creat_flags) */
	K_ACCEPT_Q,   /* listening socket in argument `arg`: backlog percent (aux 0), length (1),
		       * max (2) */
};

/* Conversions from Linux values to the ppm encodings of the event table. */
enum value_conv {
	CV_NONE = 0,
	CV_SEXT32,      /* int argument widened with its sign (fds, pids) */
	CV_OPEN_FLAGS,  /* O_* -> PPM_O_* */
	CV_CLONE_FLAGS, /* CLONE_* -> PPM_CL_* */
	CV_MODE,        /* permission bits */
	CV_FCNTL,       /* F_* -> PPM_FCNTL_* */
	CV_PTRACE,      /* PTRACE_* -> PPM_PTRACE_* */
	CV_SOCK_FLAGS,  /* SOCK_NONBLOCK / SOCK_CLOEXEC in a socket type -> PPM_O_* */
	CV_CLOEXEC,     /* O_CLOEXEC-valued flag -> 1 */
	CV_NONBLOCK,    /* O_NONBLOCK-valued flag -> 1 */
	CV_MOUNT,       /* MS_* without the legacy magic */
	CV_DELMOD,      /* delete_module O_NONBLOCK / O_TRUNC -> ppm bits */
};

struct recipe_param {
	u8 kind;
	u8 arg;
	u8 size;
	u8 aux;
};

struct syscall_recipe {
	u16 type;
	u8 nparams;
	u8 handler;
	u16 ppm_sc;
	struct recipe_param p[MAX_RECIPE_PARAMS];
};

#endif
