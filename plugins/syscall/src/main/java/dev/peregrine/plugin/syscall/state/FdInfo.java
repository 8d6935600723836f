package dev.peregrine.plugin.syscall.state;

/**
 * One entry of an fd table: what the fd refers to and, for sockets, both ends. Mutable: parsers update
 * entries in place (a connect renames its socket). Addresses are kept in network-order byte arrays of
 * 4 or 16 bytes; ports are host-order integers.
 */
public final class FdInfo {

    /** Role of a socket end. */
    public enum Role { NONE, CLIENT, SERVER }

    /** libsinsp's layer-4 protocol codes ({@code scap_l4_proto}). */
    public static final int L4_UNKNOWN = 0;
    public static final int L4_TCP = 1;
    public static final int L4_UDP = 2;
    public static final int L4_ICMP = 3;
    public static final int L4_RAW = 4;

    /** {@code PPM_O_CLOEXEC}, kept in {@link #openFlags}. */
    public static final int O_CLOEXEC = 1 << 12;

    FdType type;
    String name;
    String nameRaw;
    int openFlags;
    long device;
    long inode;
    byte[] sourceIp;
    int sourcePort;
    byte[] destinationIp;
    int destinationPort;
    int l4Protocol;
    Role role = Role.NONE;
    boolean connected;
    boolean serverSocket;
    long unixSource;
    long unixDestination;

    FdInfo(FdType type, String name) {
        this.type = type;
        this.name = name;
        this.nameRaw = name;
    }

    /** A copy (dup, fork): the new entry evolves on its own. */
    FdInfo copy() {
        FdInfo c = new FdInfo(type, name);
        c.nameRaw = nameRaw;
        c.openFlags = openFlags;
        c.device = device;
        c.inode = inode;
        c.sourceIp = sourceIp;
        c.sourcePort = sourcePort;
        c.destinationIp = destinationIp;
        c.destinationPort = destinationPort;
        c.l4Protocol = l4Protocol;
        c.role = role;
        c.connected = connected;
        c.serverSocket = serverSocket;
        c.unixSource = unixSource;
        c.unixDestination = unixDestination;
        return c;
    }

    public FdType type() {
        return type;
    }

    /** {@code fd.name}: path, rendered tuple or server address; empty for anonymous kinds. */
    public String name() {
        return name;
    }

    /** The path as the process passed it ({@code fd.nameraw}). */
    public String nameRaw() {
        return nameRaw;
    }

    public int openFlags() {
        return openFlags;
    }

    public long device() {
        return device;
    }

    public long inode() {
        return inode;
    }

    /** Source (client) address of a socket tuple, or the listening address of a server socket; null if none. */
    public byte[] sourceIp() {
        return sourceIp;
    }

    public int sourcePort() {
        return sourcePort;
    }

    /** Destination (server) address of a socket tuple; null if none. */
    public byte[] destinationIp() {
        return destinationIp;
    }

    public int destinationPort() {
        return destinationPort;
    }

    public int l4Protocol() {
        return l4Protocol;
    }

    public Role role() {
        return role;
    }

    public boolean connected() {
        return connected;
    }

    /** True for listening sockets, whose own address is in {@link #sourceIp()}. */
    public boolean serverSocket() {
        return serverSocket;
    }

    public boolean isCloseOnExec() {
        return (openFlags & O_CLOEXEC) != 0;
    }

    @Override
    public String toString() {
        return "<" + type.typeChar() + ">" + name;
    }
}
