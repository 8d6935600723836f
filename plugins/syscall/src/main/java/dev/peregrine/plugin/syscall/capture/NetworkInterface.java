package dev.peregrine.plugin.syscall.capture;

import java.util.Objects;

/**
 * A network interface address from an interface-list block; addresses are network order, 4 bytes
 * (IPv4) or 16 bytes (IPv6).
 *
 * @param linkSpeed link speed, 0 for entries of the "without link speed" types
 */
public record NetworkInterface(String name, boolean ipv6, byte[] address, byte[] netmask, byte[] broadcast,
                               long linkSpeed) {
    public NetworkInterface {
        Objects.requireNonNull(name, "name");
        address = address.clone();
        netmask = netmask.clone();
        broadcast = broadcast.clone();
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public byte[] netmask() {
        return netmask.clone();
    }

    @Override
    public byte[] broadcast() {
        return broadcast.clone();
    }
}
