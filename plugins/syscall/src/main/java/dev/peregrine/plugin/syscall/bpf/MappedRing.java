package dev.peregrine.plugin.syscall.bpf;

/**
 * One ring buffer map mapped into our address space the way the kernel lays it out: the consumer page
 * read-write at offset 0, then (from offset one page) the producer page and the data area twice,
 * read-only. Owns the mappings and the map's file descriptor.
 */
final class MappedRing implements AutoCloseable {

    private final Libbpf lib;
    private final int fd;
    private final long consumerAddress;
    private final long consumerLength;
    private final long producerAddress;
    private final long producerLength;
    private final RingBuffer ring;

    private MappedRing(Libbpf lib, int fd, long consumerAddress, long consumerLength, long producerAddress,
                       long producerLength, RingBuffer ring) {
        this.lib = lib;
        this.fd = fd;
        this.consumerAddress = consumerAddress;
        this.consumerLength = consumerLength;
        this.producerAddress = producerAddress;
        this.producerLength = producerLength;
        this.ring = ring;
    }

    /** Maps ring {@code index} whose map is {@code fd} with {@code size} data bytes; takes over the fd. */
    static MappedRing map(Libbpf lib, int index, int fd, long size) throws BpfException {
        int page = lib.pageSize();
        long consumer = lib.mmap(fd, page, true, 0, "the consumer page of ring buffer " + index);
        long producerLength = page + 2 * size;
        long producer;
        try {
            producer = lib.mmap(fd, producerLength, false, page, "the data of ring buffer " + index);
        } catch (BpfException e) {
            lib.munmap(consumer, page);
            throw e;
        }
        RingBuffer ring = new RingBuffer(index, Libbpf.view(consumer, page), Libbpf.view(producer, page),
                Libbpf.view(producer + page, (int) (2 * size)), size);
        return new MappedRing(lib, fd, consumer, page, producer, producerLength, ring);
    }

    /** The reader over the mappings. */
    RingBuffer ring() {
        return ring;
    }

    /** The map's file descriptor (the value stored in {@code ringbuf_maps}). */
    int fd() {
        return fd;
    }

    @Override
    public void close() {
        lib.munmap(producerAddress, producerLength);
        lib.munmap(consumerAddress, consumerLength);
        lib.close(fd);
    }
}
