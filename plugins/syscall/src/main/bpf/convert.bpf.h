/* SPDX-License-Identifier: GPL-2.0-only */
/* Linux -> ppm value conversions (flag tables of event-table.json). Included once. */

static __always_inline u32 open_flags_to_ppm(u32 f)
{
	u32 r = 0;
	switch (f & 3) {
	case 0: r = 1; break;   /* O_RDONLY */
	case 1: r = 2; break;   /* O_WRONLY */
	case 2: r = 3; break;   /* O_RDWR */
	}
	if (f & 0100) r |= 4;           /* O_CREAT */
	if (f & 02000) r |= 8;          /* O_APPEND */
	if (f & 010000) r |= 16;        /* O_DSYNC */
	if (f & 0200) r |= 32;          /* O_EXCL */
	if (f & 04000) r |= 64;         /* O_NONBLOCK */
	if ((f & 04010000) == 04010000) r |= 128; /* O_SYNC */
	if (f & 01000) r |= 256;        /* O_TRUNC */
	if (f & 040000) r |= 512;       /* O_DIRECT */
	if (f & 0200000) r |= 1024;     /* O_DIRECTORY */
	if (f & 0100000) r |= 2048;     /* O_LARGEFILE */
	if (f & 02000000) r |= 4096;    /* O_CLOEXEC */
	if ((f & 020200000) == 020200000) r |= 8192; /* O_TMPFILE (includes O_DIRECTORY's bit) */
	return r;
}

static __always_inline u32 clone_flags_to_ppm(u64 f)
{
	u32 r = 0;
	if (f & 0x400) r |= 1;                  /* CLONE_FILES */
	if (f & 0x200) r |= 2;                  /* CLONE_FS */
	if (f & 0x80000000ULL) r |= 4;          /* CLONE_IO */
	if (f & 0x08000000) r |= 8;             /* CLONE_NEWIPC */
	if (f & 0x40000000) r |= 16;            /* CLONE_NEWNET */
	if (f & 0x20000) r |= 32;               /* CLONE_NEWNS */
	if (f & 0x20000000) r |= 64;            /* CLONE_NEWPID */
	if (f & 0x04000000) r |= 128;           /* CLONE_NEWUTS */
	if (f & 0x8000) r |= 256;               /* CLONE_PARENT */
	if (f & 0x100000) r |= 512;             /* CLONE_PARENT_SETTID */
	if (f & 0x2000) r |= 1024;              /* CLONE_PTRACE */
	if (f & 0x800) r |= 2048;               /* CLONE_SIGHAND */
	if (f & 0x40000) r |= 4096;             /* CLONE_SYSVSEM */
	if (f & 0x10000) r |= 8192;             /* CLONE_THREAD */
	if (f & 0x800000) r |= 16384;           /* CLONE_UNTRACED */
	if (f & 0x100) r |= 32768;              /* CLONE_VM */
	if (f & 0x10000000) r |= 1 << 20;       /* CLONE_NEWUSER */
	if (f & 0x200000) r |= 1 << 23;         /* CLONE_CHILD_CLEARTID */
	if (f & 0x01000000) r |= 1 << 24;       /* CLONE_CHILD_SETTID */
	if (f & 0x80000) r |= 1 << 25;          /* CLONE_SETTLS */
	if (f & 0x4000) r |= 1 << 27;           /* CLONE_VFORK */
	if (f & 0x02000000) r |= 1 << 28;       /* CLONE_NEWCGROUP */
	return r;
}

static __always_inline u32 fcntl_cmd_to_ppm(u32 c)
{
	switch (c) {
	case 0: return 1;      /* F_DUPFD */
	case 1: return 2;      /* F_GETFD */
	case 2: return 3;      /* F_SETFD */
	case 3: return 4;      /* F_GETFL */
	case 4: return 5;      /* F_SETFL */
	case 5: return 6;      /* F_GETLK */
	case 6: return 8;      /* F_SETLK */
	case 7: return 9;      /* F_SETLKW */
	case 8: return 10;     /* F_SETOWN */
	case 9: return 12;     /* F_GETOWN */
	case 10: return 13;    /* F_SETSIG */
	case 11: return 15;    /* F_GETSIG */
	case 15: return 21;    /* F_SETOWN_EX */
	case 16: return 22;    /* F_GETOWN_EX */
	case 36: return 30;    /* F_OFD_GETLK */
	case 37: return 31;    /* F_OFD_SETLK */
	case 38: return 32;    /* F_OFD_SETLKW */
	case 1024: return 23;  /* F_SETLEASE */
	case 1025: return 24;  /* F_GETLEASE */
	case 1026: return 27;  /* F_NOTIFY */
	case 1029: return 25;  /* F_CANCELLK */
	case 1030: return 26;  /* F_DUPFD_CLOEXEC */
	case 1031: return 28;  /* F_SETPIPE_SZ */
	case 1032: return 29;  /* F_GETPIPE_SZ */
	}
	return 0;
}

static __always_inline u32 ptrace_req_to_ppm(u32 r)
{
	switch (r) {
	case 0: return 1;        /* PTRACE_TRACEME */
	case 1: return 2;        /* PTRACE_PEEKTEXT */
	case 2: return 3;        /* PTRACE_PEEKDATA */
	case 3: return 4;        /* PTRACE_PEEKUSR */
	case 4: return 5;        /* PTRACE_POKETEXT */
	case 5: return 6;        /* PTRACE_POKEDATA */
	case 6: return 7;        /* PTRACE_POKEUSR */
	case 7: return 8;        /* PTRACE_CONT */
	case 8: return 9;        /* PTRACE_KILL */
	case 9: return 10;       /* PTRACE_SINGLESTEP */
	case 12: return 26;      /* PTRACE_GETREGS */
	case 13: return 27;      /* PTRACE_SETREGS */
	case 14: return 28;      /* PTRACE_GETFPREGS */
	case 15: return 29;      /* PTRACE_SETFPREGS */
	case 16: return 11;      /* PTRACE_ATTACH */
	case 17: return 12;      /* PTRACE_DETACH */
	case 18: return 30;      /* PTRACE_GETFPXREGS */
	case 19: return 31;      /* PTRACE_SETFPXREGS */
	case 21: return 32;      /* PTRACE_OLDSETOPTIONS */
	case 24: return 13;      /* PTRACE_SYSCALL */
	case 25: return 33;      /* PTRACE_GET_THREAD_AREA */
	case 26: return 34;      /* PTRACE_SET_THREAD_AREA */
	case 30: return 35;      /* PTRACE_ARCH_PRCTL */
	case 31: return 36;      /* PTRACE_SYSEMU */
	case 32: return 37;      /* PTRACE_SYSEMU_SINGLESTEP */
	case 33: return 38;      /* PTRACE_SINGLEBLOCK */
	case 0x4200: return 14;  /* PTRACE_SETOPTIONS */
	case 0x4201: return 15;  /* PTRACE_GETEVENTMSG */
	case 0x4202: return 16;  /* PTRACE_GETSIGINFO */
	case 0x4203: return 17;  /* PTRACE_SETSIGINFO */
	case 0x4204: return 18;  /* PTRACE_GETREGSET */
	case 0x4205: return 19;  /* PTRACE_SETREGSET */
	case 0x4206: return 20;  /* PTRACE_SEIZE */
	case 0x4207: return 21;  /* PTRACE_INTERRUPT */
	case 0x4208: return 22;  /* PTRACE_LISTEN */
	case 0x4209: return 23;  /* PTRACE_PEEKSIGINFO */
	case 0x420a: return 24;  /* PTRACE_GETSIGMASK */
	case 0x420b: return 25;  /* PTRACE_SETSIGMASK */
	}
	return 0; /* PTRACE_UNKNOWN */
}

static __always_inline u64 convert_value(u32 conv, u64 v)
{
	switch (conv) {
	case CV_SEXT32:
		return (u64)(s64)(s32)v;
	case CV_OPEN_FLAGS:
		return open_flags_to_ppm(v);
	case CV_CLONE_FLAGS:
		return clone_flags_to_ppm(v);
	case CV_MODE:
		return v & 07777;
	case CV_FCNTL:
		return fcntl_cmd_to_ppm(v);
	case CV_PTRACE:
		return ptrace_req_to_ppm(v);
	case CV_SOCK_FLAGS:
		return ((v & 04000) ? 64 : 0) | ((v & 02000000) ? 4096 : 0);
	case CV_CLOEXEC:
		return (v & 02000000) ? 1 : 0;
	case CV_NONBLOCK:
		return (v & 04000) ? 1 : 0;
	case CV_MOUNT:
		return ((v & 0xffff0000) == 0xC0ED0000) ? (v & 0xffff) : v;
	case CV_DELMOD:
		return ((v & 01000) ? 1 : 0) | ((v & 04000) ? 2 : 0);
	}
	return v;
}
