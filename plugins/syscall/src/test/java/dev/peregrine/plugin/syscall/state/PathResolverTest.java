package dev.peregrine.plugin.syscall.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathResolverTest {

    @Test
    void cleanPathsComeBackAsTheSameObject() {
        for (String path : new String[] {"/", "/etc/shadow", "/a/.b/c..", "/..a/b", "/a/b.", "/a/..."}) {
            assertSame(path, PathResolver.clean(path), path);
        }
    }

    @Test
    void dotSegmentsDoubleSlashesAndTrailingSlashesCollapse() {
        assertEquals("/", PathResolver.clean("//"));
        assertEquals("/", PathResolver.clean("/.."));
        assertEquals("/", PathResolver.clean("/../../."));
        assertEquals("/etc", PathResolver.clean("/etc/"));
        assertEquals("/etc/shadow", PathResolver.clean("//etc/./ssh/../shadow"));
        assertEquals("/b", PathResolver.clean("/a/../../b"));
        assertEquals("/tmp/x", PathResolver.normalize("/tmp/", "./x"));
        assertEquals("/x", PathResolver.normalize("/tmp", "../x"));
        assertEquals("<UNKNOWN>/x", PathResolver.normalize("<UNKNOWN>", "./x"));
    }

    @Test
    void randomPathsCleanLikeASegmentStack() {
        Random random = new Random(42);
        String[] pieces = {"/", "/", ".", "..", "a", "bc", ".d", "e.", "..f", "..."};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder path = new StringBuilder("/");
            int parts = random.nextInt(8);
            for (int i = 0; i < parts; i++) {
                path.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = path.toString();
            assertEquals(bySegments(text), PathResolver.clean(text), text);
        }
    }

    /** The definition: split on '/', drop empty and '.', let '..' pop, join with '/'. */
    private static String bySegments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                kept.pollLast();
                continue;
            }
            kept.addLast(part);
        }
        return kept.isEmpty() ? "/" : "/" + String.join("/", kept);
    }
}
