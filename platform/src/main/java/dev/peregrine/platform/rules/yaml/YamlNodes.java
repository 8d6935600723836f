package dev.peregrine.platform.rules.yaml;

import dev.peregrine.platform.rules.result.Context;
import dev.peregrine.platform.rules.result.ItemType;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Small helpers over SnakeYAML nodes, with yaml-cpp's notions of null and scalar. */
final class YamlNodes {

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private YamlNodes() {
    }

    /** The value of the first entry with this key (duplicates: first wins), or null when absent. */
    static Node get(Node map, String key) {
        if (!(map instanceof MappingNode m)) {
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    static boolean has(Node map, String key) {
        return get(map, key) != null;
    }

    /** yaml-cpp's null: a plain empty, {@code ~} or {@code null} scalar. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && NULLS.contains(s.getValue());
    }

    static boolean isScalar(Node node) {
        return node instanceof ScalarNode && !isNull(node);
    }

    static boolean isSequence(Node node) {
        return node instanceof SequenceNode;
    }

    static boolean isMap(Node node) {
        return node instanceof MappingNode;
    }

    static String text(Node node) {
        return ((ScalarNode) node).getValue();
    }

    /** A nested context located at the node's start. */
    static Context at(Context parent, Node node, ItemType type, String name) {
        var mark = node.getStartMark();
        return parent.child(type, name, mark.getLine(), mark.getColumn(), mark.getIndex());
    }
}
