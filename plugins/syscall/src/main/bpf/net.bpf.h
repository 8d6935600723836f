/* SPDX-License-Identifier: GPL-2.0-only */
/* Socket addresses and tuples in the ppm encodings (PT_SOCKADDR, PT_SOCKTUPLE). Included once. */

#define PPM_AF_UNIX 1
#define PPM_AF_INET 2
#define PPM_AF_INET6 10
#define UNIX_PATH_MAX 108
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10

static __always_inline void append_bytes_kernel(struct scratch *s, const void *src, u32 n)
{
	n &= 63;
	bpf_probe_read_kernel(&s->buf[s->pos & (SCRATCH_HALF - 1)], n, src);
	s->pos += n;
}

/* Appends a NUL-terminated unix path read from `src` (user or kernel); abstract names, whose
 * first byte is NUL, are written with a leading '@'. */
static __always_inline void append_unix_path(struct scratch *s, const char *src, bool user)
{
	char first = 0;
	if (user)
		bpf_probe_read_user(&first, 1, src);
	else
		bpf_probe_read_kernel(&first, 1, src);
	if (first == 0) {
		char second = 0;
		if (user)
			bpf_probe_read_user(&second, 1, src + 1);
		else
			bpf_probe_read_kernel(&second, 1, src + 1);
		if (second == 0) {
			append_u8(s, 0);
			return;
		}
		append_u8(s, '@');
		src++;
	}
	long n;
	u8 *dst = &s->buf[s->pos & (SCRATCH_HALF - 1)];
	if (user)
		n = bpf_probe_read_user_str(dst, UNIX_PATH_MAX, src);
	else
		n = bpf_probe_read_kernel_str(dst, UNIX_PATH_MAX, src);
	if (n <= 0) {
		append_u8(s, 0);
		return;
	}
	s->pos += n & 255;
}

/* PT_SOCKADDR from a user struct sockaddr of `len` bytes. */
static __always_inline void put_user_sockaddr(struct scratch *s, u64 uptr, u64 len)
{
	if (!uptr || len < 2) {
		put_len(s, 0);
		return;
	}
	u16 family = 0;
	bpf_probe_read_user(&family, sizeof(family), (void *)uptr);
	u32 start = s->pos;
	if (family == AF_INET) {
		struct sockaddr_in sin = {};
		bpf_probe_read_user(&sin, sizeof(sin), (void *)uptr);
		append_u8(s, PPM_AF_INET);
		append_bytes_kernel(s, &sin.sin_addr.s_addr, 4);
		u16 port = bpf_ntohs(sin.sin_port);
		append_bytes_kernel(s, &port, 2);
	} else if (family == AF_INET6) {
		struct sockaddr_in6 sin6 = {};
		bpf_probe_read_user(&sin6, sizeof(sin6), (void *)uptr);
		append_u8(s, PPM_AF_INET6);
		append_bytes_kernel(s, &sin6.sin6_addr, 16);
		u16 port = bpf_ntohs(sin6.sin6_port);
		append_bytes_kernel(s, &port, 2);
	} else if (family == AF_UNIX) {
		append_u8(s, PPM_AF_UNIX);
		append_unix_path(s, (const char *)(uptr + 2), true);
	} else {
		append_u8(s, (u8)family);
	}
	put_len(s, s->pos - start);
}

/* PT_SOCKTUPLE of the socket behind `file`. Outbound: local then remote; inbound: remote then
 * local. Non-socket files and families without a tuple give an empty parameter. */
static __always_inline void put_socktuple(struct scratch *s, struct file *file, u32 inbound,
					  u64 uaddr)
{
	if (!file) {
		put_len(s, 0);
		return;
	}
	struct socket *sock = BPF_CORE_READ(file, private_data);
	struct sock *sk = sock ? BPF_CORE_READ(sock, sk) : NULL;
	if (!sk) {
		put_len(s, 0);
		return;
	}
	u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	u32 start = s->pos;
	if (family == AF_INET) {
		u32 lip = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
		u32 rip = BPF_CORE_READ(sk, __sk_common.skc_daddr);
		u16 lport = bpf_ntohs(BPF_CORE_READ((struct inet_sock *)sk, inet_sport));
		u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (rip == 0 && uaddr) {
			/* Unconnected datagram socket: the peer is the syscall's address argument. */
			struct sockaddr_in sin = {};
			bpf_probe_read_user(&sin, sizeof(sin), (void *)uaddr);
			if (sin.sin_family == AF_INET) {
				rip = sin.sin_addr.s_addr;
				rport = bpf_ntohs(sin.sin_port);
			}
		}
		append_u8(s, PPM_AF_INET);
		if (inbound) {
			append_bytes_kernel(s, &rip, 4);
			append_bytes_kernel(s, &rport, 2);
			append_bytes_kernel(s, &lip, 4);
			append_bytes_kernel(s, &lport, 2);
		} else {
			append_bytes_kernel(s, &lip, 4);
			append_bytes_kernel(s, &lport, 2);
			append_bytes_kernel(s, &rip, 4);
			append_bytes_kernel(s, &rport, 2);
		}
	} else if (family == AF_INET6) {
		struct in6_addr lip = BPF_CORE_READ(sk, __sk_common.skc_v6_rcv_saddr);
		struct in6_addr rip = BPF_CORE_READ(sk, __sk_common.skc_v6_daddr);
		u16 lport = bpf_ntohs(BPF_CORE_READ((struct inet_sock *)sk, inet_sport));
		u16 rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
		if (uaddr && rip.in6_u.u6_addr32[0] == 0 && rip.in6_u.u6_addr32[1] == 0 &&
		    rip.in6_u.u6_addr32[2] == 0 && rip.in6_u.u6_addr32[3] == 0) {
			struct sockaddr_in6 sin6 = {};
			bpf_probe_read_user(&sin6, sizeof(sin6), (void *)uaddr);
			if (sin6.sin6_family == AF_INET6) {
				rip = sin6.sin6_addr;
				rport = bpf_ntohs(sin6.sin6_port);
			}
		}
		append_u8(s, PPM_AF_INET6);
		if (inbound) {
			append_bytes_kernel(s, &rip, 16);
			append_bytes_kernel(s, &rport, 2);
			append_bytes_kernel(s, &lip, 16);
			append_bytes_kernel(s, &lport, 2);
		} else {
			append_bytes_kernel(s, &lip, 16);
			append_bytes_kernel(s, &lport, 2);
			append_bytes_kernel(s, &rip, 16);
			append_bytes_kernel(s, &rport, 2);
		}
	} else if (family == AF_UNIX) {
		struct unix_sock *us = (struct unix_sock *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);
		u64 src = (u64)sk, dst = (u64)peer;
		append_u8(s, PPM_AF_UNIX);
		append_bytes_kernel(s, &src, 8);
		append_bytes_kernel(s, &dst, 8);
		/* The peer's bound name when there is one (the server a client talks to), else ours. */
		struct unix_address *addr = peer ? BPF_CORE_READ((struct unix_sock *)peer, addr) : NULL;
		if (!addr)
			addr = BPF_CORE_READ(us, addr);
		if (addr)
			append_unix_path(s, (const char *)&addr->name[0].sun_path, false);
		else
			append_u8(s, 0);
	} else {
		put_len(s, 0);
		return;
	}
	put_len(s, s->pos - start);
}
