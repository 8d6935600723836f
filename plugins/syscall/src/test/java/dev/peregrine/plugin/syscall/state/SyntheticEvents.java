package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds single driver events in memory for state and field tests. */
public final class SyntheticEvents {

    private static final EventTable TABLE = EventTable.standard();
    private long number;

    /** An event of type {@code enumName} with the given raw parameter values. */
    public EventView event(String enumName, long tid, long ts, byte[]... params) {
        EventInfo info = TABLE.events().stream().filter(i -> i.enumName().equals(enumName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(enumName));
        int lengthSize = info.hasLargePayload() ? 4 : 2;
        int total = EventView.HEADER_LENGTH + params.length * lengthSize;
        for (byte[] p : params) {
            total += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(tid).putInt(total).putShort((short) info.code()).putInt(params.length);
        for (byte[] p : params) {
            if (lengthSize == 2) {
                b.putShort((short) p.length);
            } else {
                b.putInt(p.length);
            }
        }
        for (byte[] p : params) {
            b.put(p);
        }
        return new EventView(TABLE).wrap(b, 0).position(++number, 0, 0);
    }

    public static byte[] i64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    public static byte[] u32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    public static byte[] u16(int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array();
    }

    public static byte[] str(String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[t.length + 1];
        System.arraycopy(t, 0, out, 0, t.length);
        return out;
    }

    public static byte[] empty() {
        return new byte[0];
    }

    /** An IPv4 socket tuple: family 2, sip, sport, dip, dport. */
    public static byte[] tuple4(int[] sip, int sport, int[] dip, int dport) {
        ByteBuffer b = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2);
        for (int x : sip) {
            b.put((byte) x);
        }
        b.putShort((short) sport);
        for (int x : dip) {
            b.put((byte) x);
        }
        b.putShort((short) dport);
        return b.array();
    }

    /**
     * A clone-family exit: res, exe, args, tid, pid, ptid, cwd, fdlimit, pgft x2, vm x3, comm, cgroups,
     * flags, uid, gid, vtid, vpid.
     */
    public EventView clone(long tid, long ts, long res, long childTid, long pid, long ptid, String comm, int flags) {
        return event("PPME_SYSCALL_CLONE_20_X", tid, ts, i64(res), str(comm), str("arg1"), i64(childTid), i64(pid),
                i64(ptid), str("/"), i64(1024), i64(0), i64(0), u32(0), u32(0), u32(0), str(comm), empty(),
                u32(flags), u32(1000), u32(1000), i64(childTid), i64(pid));
    }
}
