#!/usr/bin/env python3
"""Generates peregrine_syscall_table.h: the probe's per-syscall parameter recipes.

Developer tool, not run by the build (the generated header is committed). Inputs: the shared
event table (event ids, parameter types) and the x86_64 syscall numbers from the kernel UAPI
header. Usage:
    gen_syscall_table.py ../../../../../../shared/spec/event-table.json \
        /usr/include/x86_64-linux-gnu/asm/unistd_64.h > peregrine_syscall_table.h
"""
import json
import re
import sys

# Parameter recipes per syscall, one spec per parameter of the CURRENT exit event, in order.
#   ret          the syscall return value
#   aN[:conv]    raw argument N (FD/PID parameters are sign-extended from int automatically)
#   sN           user string at argument N
#   bN:ret|bN:aM user buffer at argument N, length = return value or argument M (snaplen-capped)
#   addrN:M      user sockaddr at argument N, length argument M, converted to a ppm sockaddr
#   tupN:in|out[:M]  socket tuple of the fd in argument N ("ret" = returned fd); in = remote
#                first; M = argument holding a user sockaddr for the remote end when the socket
#                has none (unconnected UDP sendto/recvfrom)
#   qN:K         accept queue of the listening fd in argument N: K 0 = percent, 1 = length, 2 = max
#   uinoN        inode of the fd stored in the user int array at argument N (pipe)
#   uskN:K       unix socket pointer (K 0 = own, 1 = peer) of the fd in the user int array at N
#   dynN:I       dynamic parameter: index I then argument N as u64
#   iovN / iovmN data of the iovec array at argument N (count in argument N+1) / of the
#                struct msghdr at argument N, up to the return value and the snaplen
#                (tuples may take their user address from a msghdr too: tupN:in|out:mM)
#   uN:W         u64 word W of the user struct at argument N;  iN:W  u32 word W (ints, fds)
#   layer        overlayfs layer of the returned fd (creat_flags)
#   dev / ino    device / inode of the returned fd;  vmK  vm size/rss/swap;  capK  current caps
#   sif:O:N      user string at argument N only when argument 0 equals O (prctl)
#   z            the type's default value;  e  an empty parameter
RECIPES = {
    'open': ['ret', 's0', 'a1:open', 'a2', 'dev', 'ino'],
    'openat': ['ret', 'a0', 's1', 'a2:open', 'a3', 'dev', 'ino'],
    'openat2': ['ret', 'a0', 's1', 'u2:0:open', 'u2:1', 'u2:2', 'dev', 'ino'],
    'creat': ['ret', 's0', 'a1', 'dev', 'ino', 'layer'],
    'close': ['ret', 'a0'],
    'read': ['ret', 'b1:ret', 'a0', 'a2'],
    'write': ['ret', 'b1:ret', 'a0', 'a2'],
    'pread64': ['ret', 'b1:ret', 'a0', 'a2', 'a3'],
    'pwrite64': ['ret', 'b1:ret', 'a0', 'a2', 'a3'],
    'readv': ['ret', 'ret', 'iov1', 'a0'],
    'writev': ['ret', 'iov1', 'a0', 'ret'],
    'preadv': ['ret', 'ret', 'iov1', 'a0', 'a3'],
    'pwritev': ['ret', 'iov1', 'a0', 'ret', 'a3'],
    'socket': ['ret', 'a0', 'a1', 'a2', 'a1:sock'],
    'bind': ['ret', 'addr1:2', 'a0'],
    'connect': ['ret', 'tup0:out', 'a0', 'addr1:2'],
    'listen': ['ret', 'a0', 'a1'],
    'accept': ['ret', 'tupret:in', 'q0:0', 'q0:1', 'q0:2'],
    'accept4': ['ret', 'tupret:in', 'q0:0', 'q0:1', 'q0:2', 'a3'],
    'sendto': ['ret', 'b1:ret', 'a0', 'a2', 'tup0:out:4'],
    'recvfrom': ['ret', 'b1:ret', 'tup0:in:4', 'a0', 'a2'],
    'sendmsg': ['ret', 'iovm1', 'a0', 'ret', 'tup0:out:m1'],
    'sendmmsg': ['ret', 'a0', 'z', 'e', 'tup0:out'],
    'recvmsg': ['ret', 'ret', 'iovm1', 'tup0:in:m1', 'e', 'a0'],
    'recvmmsg': ['ret', 'a0', 'z', 'e', 'tup0:in', 'e'],
    'shutdown': ['ret', 'a0', 'a1'],
    'getsockname': [],
    'getpeername': [],
    'socketpair': ['ret', 'i3:0', 'i3:1', 'usk3:0', 'usk3:1', 'a0', 'a1', 'a2'],
    'setsockopt': ['ret', 'a0', 'a1', 'a2', 'e', 'a4'],
    'getsockopt': ['ret', 'a0', 'a1', 'a2', 'e', 'i4:0'],
    'pipe': ['ret', 'i0:0', 'i0:1', 'uino0'],
    'pipe2': ['ret', 'i0:0', 'i0:1', 'uino0', 'a1:open'],
    'eventfd': ['ret', 'a0', 'z'],
    'eventfd2': ['ret', 'a1:open', 'a0'],
    'futex': ['ret', 'a0', 'a1', 'a2'],
    'stat': ['ret', 's0'],
    'lstat': ['ret', 's0'],
    'fstat': ['ret', 'a0'],
    'epoll_wait': ['ret', 'a2'],
    'poll': ['ret', 'e', 'a2'],
    'select': ['ret'],
    'lseek': ['ret', 'a0', 'a1', 'a2'],
    'getcwd': ['ret', 's0'],
    'chdir': ['ret', 's0'],
    'fchdir': ['ret', 'a0'],
    'signalfd': ['ret', 'a0', 'z', 'z'],
    'signalfd4': ['ret', 'a3:open', 'a0', 'z'],
    'kill': ['ret', 'a0', 'a1'],
    'tkill': ['ret', 'a0', 'a1'],
    'tgkill': ['ret', 'a0', 'a1', 'a2'],
    'nanosleep': ['ret', 'z'],
    'timerfd_create': ['ret', 'a0', 'a1'],
    'inotify_init': ['ret', 'z'],
    'inotify_init1': ['ret', 'a0:open'],
    'getrlimit': ['ret', 'u1:0', 'u1:1', 'a0'],
    'setrlimit': ['ret', 'u1:0', 'u1:1', 'a0'],
    'prlimit64': ['ret', 'u2:0', 'u2:1', 'u3:0', 'u3:1', 'a0', 'a1'],
    'fcntl': ['ret', 'a0', 'a1:fcntl', 'a2'],
    'brk': ['ret', 'vm0', 'vm1', 'vm2', 'a0'],
    'mmap': ['ret', 'vm0', 'vm1', 'vm2', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5'],
    'munmap': ['ret', 'vm0', 'vm1', 'vm2', 'a0', 'a1'],
    'mprotect': ['ret', 'a0', 'a1', 'a2'],
    'splice': ['ret', 'a0', 'a2', 'a4', 'a5'],
    'ptrace': ['ret', 'dyn2:0', 'dyn3:0', 'a0:ptrace', 'a1'],
    'ioctl': ['ret', 'a0', 'a1', 'a2'],
    'rename': ['ret', 's0', 's1'],
    'renameat': ['ret', 'a0', 's1', 'a2', 's3'],
    'renameat2': ['ret', 'a0', 's1', 'a2', 's3', 'a4'],
    'symlink': ['ret', 's0', 's1'],
    'symlinkat': ['ret', 's0', 'a1', 's2'],
    'sendfile': ['ret', 'u2:0', 'a0', 'a1', 'a3'],
    'setresuid': ['ret', 'a0', 'a1', 'a2'],
    'setresgid': ['ret', 'a0', 'a1', 'a2'],
    'setuid': ['ret', 'a0'],
    'setgid': ['ret', 'a0'],
    'getuid': ['ret'],
    'geteuid': ['ret'],
    'getgid': ['ret'],
    'getegid': ['ret'],
    'getresuid': ['ret', 'i0:0', 'i1:0', 'i2:0'],
    'getresgid': ['ret', 'i0:0', 'i1:0', 'i2:0'],
    'getdents': ['ret', 'a0'],
    'getdents64': ['ret', 'a0'],
    'setns': ['ret', 'a0', 'a1:clone'],
    'flock': ['ret', 'a0', 'a1'],
    'semop': ['ret', 'a2', 'z', 'z', 'z', 'z', 'z', 'z', 'a0'],
    'semctl': ['ret', 'a0', 'a1', 'a2', 'a3'],
    'semget': ['ret', 'a0', 'a1', 'a2'],
    'ppoll': ['ret', 'e', 'z', 'z'],
    'mount': ['ret', 's0', 's1', 's2', 'a3:mount'],
    'access': ['ret', 's0', 'a1'],
    'chroot': ['ret', 's0'],
    'setsid': ['ret'],
    'mkdir': ['ret', 's0', 'a1'],
    'rmdir': ['ret', 's0'],
    'unshare': ['ret', 'a0:clone'],
    'setpgid': ['ret', 'a0', 'a1'],
    'seccomp': ['ret', 'a0', 'a1'],
    'unlink': ['ret', 's0'],
    'unlinkat': ['ret', 'a0', 's1', 'a2'],
    'mkdirat': ['ret', 'a0', 's1', 'a2'],
    'link': ['ret', 's0', 's1'],
    'linkat': ['ret', 'a0', 's1', 'a2', 's3', 'a4'],
    'fchmodat': ['ret', 'a0', 's1', 'a2:mode'],
    'chmod': ['ret', 's0', 'a1:mode'],
    'fchmod': ['ret', 'a0', 'a1:mode'],
    'userfaultfd': ['ret', 'a0:open'],
    'copy_file_range': ['ret', 'a2', 'u3:0', 'a0', 'u1:0', 'a4'],
    'open_by_handle_at': ['ret', 'a0', 'a2:open', 'e', 'dev', 'ino'],
    'io_uring_setup': ['ret', 'a0', 'i1:0', 'i1:1', 'i1:2', 'i1:3', 'i1:4', 'i1:5'],
    'io_uring_enter': ['ret', 'a0', 'a1', 'a2', 'a3', 'z'],
    'io_uring_register': ['ret', 'a0', 'a1', 'a2', 'a3'],
    'mlock': ['ret', 'a0', 'a1'],
    'munlock': ['ret', 'a0', 'a1'],
    'mlockall': ['ret', 'a0'],
    'munlockall': ['ret'],
    'mlock2': ['ret', 'a0', 'a1', 'a2'],
    'capset': ['ret', 'cap0', 'cap1', 'cap2'],
    'dup': ['ret', 'a0'],
    'dup2': ['ret', 'a0', 'a1'],
    'dup3': ['ret', 'a0', 'a1', 'a2:open'],
    'bpf': ['ret', 'a0'],
    'fsconfig': ['ret', 'a0', 'a1', 's2', 'e', 'e', 'a4'],
    'epoll_create': ['ret', 'a0'],
    'epoll_create1': ['ret', 'a0:cloexec'],
    'chown': ['ret', 's0', 'a1', 'a2'],
    'lchown': ['ret', 's0', 'a1', 'a2'],
    'fchown': ['ret', 'a0', 'a1', 'a2'],
    'fchownat': ['ret', 'a0', 's1', 'a2', 'a3', 'a4'],
    'umount2': ['ret', 's0', 'a1'],
    'prctl': ['ret', 'a0', 'sif:15:1', 'a1'],
    'memfd_create': ['ret', 's0', 'a1'],
    'pidfd_getfd': ['ret', 'a0', 'a1', 'a2'],
    'pidfd_open': ['ret', 'a0', 'a1:nonblock'],
    'init_module': ['ret', 'b0:a1', 'a1', 's2'],
    'finit_module': ['ret', 'a0', 's1', 'a2'],
    'mknod': ['ret', 's0', 'a1', 'a2'],
    'mknodat': ['ret', 'a0', 's1', 'a2', 'a3'],
    'newfstatat': ['ret', 'a0', 's1', 'a3'],
    'process_vm_readv': ['ret', 'a0', 'e'],
    'process_vm_writev': ['ret', 'a0', 'e'],
    'delete_module': ['ret', 's0', 'a1:delmod'],
    'setreuid': ['ret', 'a0', 'a1'],
    'setregid': ['ret', 'a0', 'a1'],
    'close_range': ['ret', 'a0', 'a1', 'a2'],
    'keyctl': ['ret', 'a0', 'dyn1:0', 'dyn2:0', 'dyn3:0', 'dyn4:0'],
    'quotactl': ['ret', 'e', 'e'] + ['z'] * 12 + ['a0', 'z', 'z'],
}

# Syscalls whose x86_64 name differs from the event name.
EVENT_NAME = {'pread64': 'pread', 'pwrite64': 'pwrite', 'prlimit64': 'prlimit'}

# Hand-written handlers (process lifecycle) instead of recipes.
HANDLERS = {'execve': 'H_EXECVE', 'execveat': 'H_EXECVE', 'clone': 'H_CLONE', 'clone3': 'H_CLONE',
            'fork': 'H_CLONE', 'vfork': 'H_CLONE'}

# TOCTOU enter events: the path/address as the kernel is about to see it.
ENTER_RECIPES = {
    'open': ['s0', 'a1:open', 'a2'],
    'openat': ['a0', 's1', 'a2:open', 'a3'],
    'openat2': ['a0', 's1', 'u2:0:open', 'u2:1', 'u2:2'],
    'creat': ['s0', 'a1'],
    'connect': ['a0', 'addr1:2'],
}

SIZES = {
    'PT_INT8': 1, 'PT_UINT8': 1, 'PT_FLAGS8': 1, 'PT_ENUMFLAGS8': 1, 'PT_SIGTYPE': 1,
    'PT_L4PROTO': 1, 'PT_SOCKFAMILY': 1,
    'PT_INT16': 2, 'PT_UINT16': 2, 'PT_FLAGS16': 2, 'PT_ENUMFLAGS16': 2, 'PT_SYSCALLID': 2,
    'PT_PORT': 2,
    'PT_INT32': 4, 'PT_UINT32': 4, 'PT_FLAGS32': 4, 'PT_ENUMFLAGS32': 4, 'PT_UID': 4,
    'PT_GID': 4, 'PT_MODE': 4, 'PT_SIGSET': 4, 'PT_BOOL': 4, 'PT_FD32': 4, 'PT_PID32': 4,
    'PT_IPV4ADDR': 4,
    'PT_INT64': 8, 'PT_UINT64': 8, 'PT_ERRNO': 8, 'PT_FD': 8, 'PT_PID': 8, 'PT_RELTIME': 8,
    'PT_ABSTIME': 8, 'PT_DOUBLE': 8,
}
SIGNED = {'PT_FD', 'PT_PID', 'PT_INT32', 'PT_INT64', 'PT_ERRNO', 'PT_INT16', 'PT_INT8'}
CONVS = {'open': 'CV_OPEN_FLAGS', 'clone': 'CV_CLONE_FLAGS', 'mode': 'CV_MODE', 'fcntl': 'CV_FCNTL',
         'ptrace': 'CV_PTRACE', 'sock': 'CV_SOCK_FLAGS', 'cloexec': 'CV_CLOEXEC',
         'nonblock': 'CV_NONBLOCK', 'mount': 'CV_MOUNT', 'delmod': 'CV_DELMOD'}


def param(spec, ptype):
    """Returns the C initialiser of one recipe parameter: {kind, arg, size, aux}."""
    size = SIZES.get(ptype, 0)
    parts = spec.split(':')
    head = parts[0]
    sext = 'CV_SEXT32' if ptype in SIGNED else 'CV_NONE'
    if head == 'ret':
        return '{K_RET, 0, %d, CV_NONE}' % size
    if head == 'z':
        return '{K_ZERO, 0, %d, %s}' % (size, '1' if ptype in ('PT_UID', 'PT_GID') else '0')
    if head == 'e':
        return '{K_EMPTY, 0, 0, 0}'
    if head == 'layer':
        return '{K_CREAT_LAYER, 0, %d, 0}' % size
    if head.startswith('iov'):
        msg = head.startswith('iovm')
        return '{K_IOV, %s, 0, %d}' % (head[4 if msg else 3:], 1 if msg else 0)
    if head.startswith('uino'):
        return '{K_FD_INO, %s, %d, 1}' % (head[4:], size)
    if head.startswith('usk'):
        return '{K_UNIX_SK, %s, %d, %s}' % (head[3:], size, parts[1])
    if head.startswith('dyn'):
        return '{K_DYN64, %s, 0, %s}' % (head[3:], parts[1])
    if head[0] == 'q':
        return '{K_ACCEPT_Q, %s, %d, %s}' % (head[1:], size, parts[1])
    if head in ('dev', 'ino'):
        return '{K_FD_%s, 0, %d, 0}' % (head.upper(), size)
    if head.startswith('vm'):
        return '{K_VM, 0, %d, %s}' % (size, head[2])
    if head.startswith('cap'):
        return '{K_CAP, 0, %d, %s}' % (size, head[3])
    if head == 'sif':
        return '{K_STR_IF, %s, 0, %s}' % (parts[2], parts[1])
    if head.startswith('addr'):
        return '{K_SOCKADDR, %s, 0, %s}' % (head[4:], parts[1])
    if head.startswith('tup'):
        arg = '0xff' if head[3:] == 'ret' else head[3:]
        msg = len(parts) > 2 and parts[2].startswith('m')
        uaddr = int(parts[2].lstrip('m')) + 1 if len(parts) > 2 else 0
        flags = (1 if parts[1] == 'in' else 0) | (2 if msg else 0)
        return '{K_TUPLE, %s, 0, %d}' % (arg, flags | (uaddr << 4))
    if head[0] == 's':
        return '{K_STR, %s, 0, 0}' % head[1:]
    if head[0] == 'b':
        src = parts[1]
        aux = '0xff' if src == 'ret' else src[1:]
        return '{K_BUF, %s, 0, %s}' % (head[1:], aux)
    if head[0] in 'ui':
        conv = CONVS[parts[2]] if len(parts) > 2 else sext
        kind = 'K_UMEM64' if head[0] == 'u' else 'K_UMEM32'
        return '{%s, %s | (%s << 3), %d, %s}' % (kind, head[1:], parts[1], size, conv)
    if head[0] == 'a':
        conv = CONVS[parts[1]] if len(parts) > 1 else sext
        return '{K_ARG, %s, %d, %s}' % (head[1:], size, conv)
    raise ValueError(spec)


def main():
    table = json.load(open(sys.argv[1]))
    codes = {c['name']: c['id'] for c in table['syscall_codes']}
    exits, enters = {}, {}
    for e in table['events']:
        if e['old_version'] or e['unused']:
            continue
        (exits if e['direction'] == 'exit' else enters)[e['name']] = e
    nrs = {}
    for line in open(sys.argv[2]):
        m = re.match(r'#define __NR_(\w+) (\d+)', line)
        if m:
            nrs[m.group(1)] = int(m.group(2))
    nr_max = max(nrs.values()) + 1
    out = []
    w = out.append
    w('/* GENERATED by gen_syscall_table.py from event-table.json (libs %s, schema %s) and the'
      % (table['generated_from']['commit'][:12], table['generated_from']['schema_version']))
    w(' * x86_64 syscall numbers. Do not edit by hand. */')
    w('#ifndef PEREGRINE_SYSCALL_TABLE_H')
    w('#define PEREGRINE_SYSCALL_TABLE_H')
    w('')
    w('#define SYSCALL_TABLE_SIZE %d' % nr_max)
    used = {'PPME_GENERIC_X': 1, 'PPME_PROCEXIT_1_E': 186}
    for name, spec in list(RECIPES.items()) + [(n, None) for n in HANDLERS]:
        ev = exits[EVENT_NAME.get(name, name)]
        used[ev['enum']] = ev['id']
    for name in ENTER_RECIPES:
        ev = enters[name]
        used[ev['enum']] = ev['id']
    for enum, eid in sorted(used.items(), key=lambda x: x[1]):
        w('#define %s %d' % (enum, eid))
    w('')
    w('/* Exit recipes indexed by x86_64 syscall number. */')
    w('static const struct syscall_recipe exit_recipes[SYSCALL_TABLE_SIZE] = {')
    covered = []
    for name, nr in sorted(nrs.items(), key=lambda x: x[1]):
        sc = codes.get(name, 0)
        if name in HANDLERS:
            ev = exits[name]
            w('\t[%d] = {%s, %d, %s, %d}, /* %s */' % (nr, ev['enum'], ev['nparams'],
                                                     HANDLERS[name], sc, name))
            covered.append(name)
            continue
        if name not in RECIPES:
            w('\t[%d] = {PPME_GENERIC_X, 2, H_GENERIC, %d}, /* %s */' % (nr, sc, name))
            continue
        ev = exits[EVENT_NAME.get(name, name)]
        specs = RECIPES[name]
        if len(specs) != ev['nparams']:
            raise SystemExit('%s: %d specs for %d params' % (name, len(specs), ev['nparams']))
        params = ', '.join(param(s, p['type']) for s, p in zip(specs, ev['params']))
        w('\t[%d] = {%s, %d, H_TABLE, %d, {%s}}, /* %s */' % (nr, ev['enum'], ev['nparams'], sc,
                                                            params, name))
        covered.append(name)
    w('};')
    w('')
    w('/* TOCTOU enter recipes (the only enter events current drivers emit). */')
    w('static const struct syscall_recipe enter_recipes[SYSCALL_TABLE_SIZE] = {')
    for name, specs in ENTER_RECIPES.items():
        ev = enters[name]
        if len(specs) != ev['nparams']:
            raise SystemExit('%s enter: %d specs for %d params' % (name, len(specs), ev['nparams']))
        params = ', '.join(param(s, p['type']) for s, p in zip(specs, ev['params']))
        w('\t[%d] = {%s, %d, H_TABLE, %d, {%s}}, /* %s */' % (nrs[name], ev['enum'], ev['nparams'],
                                                            codes[name], params, name))
    w('};')
    w('')
    w('/* Syscalls with a dedicated event: %s */' % ' '.join(sorted(covered)))
    w('#endif')
    print('\n'.join(out))


if __name__ == '__main__':
    main()
