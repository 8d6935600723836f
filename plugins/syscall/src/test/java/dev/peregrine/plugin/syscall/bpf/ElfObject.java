package dev.peregrine.plugin.syscall.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal reader of a little-endian ELF64 relocatable object: section and symbol names. */
final class ElfObject {

    /** One section: name, type, file offset and size. */
    record Section(int index, String name, int type, long offset, long size) {
    }

    /** One symbol: name and the index of the section it is defined in. */
    record Symbol(String name, int sectionIndex, int info) {
    }

    static final int EM_BPF = 247;
    private static final int SHT_SYMTAB = 2;

    private final ByteBuffer data;
    private final int machine;
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();

    ElfObject(byte[] bytes) {
        data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 64 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new IllegalArgumentException("not an ELF file");
        }
        if (bytes[4] != 2 || bytes[5] != 1) {
            throw new IllegalArgumentException("not a little-endian ELF64 file");
        }
        machine = Short.toUnsignedInt(data.getShort(18));
        long shoff = data.getLong(40);
        int shentsize = Short.toUnsignedInt(data.getShort(58));
        int shnum = Short.toUnsignedInt(data.getShort(60));
        int shstrndx = Short.toUnsignedInt(data.getShort(62));
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int base = (int) (shoff + (long) i * shentsize);
            raw[i] = new long[] {Integer.toUnsignedLong(data.getInt(base)), data.getInt(base + 4),
                data.getLong(base + 24), data.getLong(base + 32), data.getInt(base + 40)};
        }
        long namesAt = raw[shstrndx][2];
        for (int i = 0; i < shnum; i++) {
            sections.add(new Section(i, string(namesAt + raw[i][0]), (int) raw[i][1], raw[i][2], raw[i][3]));
        }
        for (int i = 0; i < shnum; i++) {
            if (raw[i][1] != SHT_SYMTAB) {
                continue;
            }
            long stringsAt = raw[(int) raw[i][4]][2];
            for (long at = raw[i][2]; at + 24 <= raw[i][2] + raw[i][3]; at += 24) {
                int name = data.getInt((int) at);
                int info = Byte.toUnsignedInt(data.get((int) at + 4));
                int shndx = Short.toUnsignedInt(data.getShort((int) at + 6));
                symbols.add(new Symbol(string(stringsAt + Integer.toUnsignedLong(name)), shndx, info));
            }
        }
    }

    int machine() {
        return machine;
    }

    /** Sections by name, in file order. */
    Map<String, Section> sections() {
        Map<String, Section> byName = new LinkedHashMap<>();
        sections.forEach(s -> byName.putIfAbsent(s.name(), s));
        return byName;
    }

    /** Names of the symbols defined in the named section. */
    List<String> symbolsIn(String sectionName) {
        Section section = sections().get(sectionName);
        if (section == null) {
            return List.of();
        }
        return symbols.stream().filter(s -> s.sectionIndex() == section.index() && !s.name().isEmpty())
                .map(Symbol::name).toList();
    }

    /** The bytes of a section. */
    byte[] contents(Section section) {
        byte[] out = new byte[(int) section.size()];
        data.get((int) section.offset(), out);
        return out;
    }

    private String string(long at) {
        int start = (int) at;
        int end = start;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
