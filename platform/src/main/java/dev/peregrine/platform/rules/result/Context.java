package dev.peregrine.platform.rules.result;

import java.util.ArrayList;
import java.util.List;

/**
 * Where something is: a chain of locations from the file down to the item, sub-item or
 * condition position concerned.
 *
 * @param locations  outermost first; never empty
 * @param altContent for positions inside a condition, the condition text the snippet is cut from
 */
public record Context(List<Location> locations, String altContent) {

    public Context {
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("a context has at least one location");
        }
    }

    /** The whole content of a file. */
    public static Context file(String fileName) {
        return new Context(List.of(new Location(ItemType.RULES_CONTENT, "", fileName, 0, 0, 0)), null);
    }

    /** The file (or condition) name the chain starts from. */
    public String fileName() {
        return locations.getFirst().fileName();
    }

    /** A nested location in the same file. */
    public Context child(ItemType type, String name, int line, int column, int offset) {
        List<Location> chain = new ArrayList<>(locations);
        chain.add(new Location(type, name, fileName(), line, column, offset));
        return new Context(chain, null);
    }

    /** A copy whose innermost location has another name (once an item's name is known). */
    public Context renamed(String name) {
        List<Location> chain = new ArrayList<>(locations);
        Location last = chain.removeLast();
        chain.add(new Location(last.itemType(), name, last.fileName(), last.line(), last.column(), last.offset()));
        return new Context(chain, altContent);
    }

    /**
     * A position inside a condition: Falco names such locations after the first characters of the
     * condition and adds the offsets to the condition's own position.
     */
    public Context inCondition(String condition, int offset) {
        String shown = condition.length() > 20 ? condition.substring(0, 17) + "..." : condition;
        String name = ("\"" + shown + "\"").replace('\n', ' ').replace('\r', ' ');
        Location last = locations.getLast();
        int line = last.line();
        int column = last.column();
        // The parser reports a character offset; derive line and column the way a reader would.
        int lines = 0;
        int col = 0;
        for (int i = 0; i < Math.min(offset, condition.length()); i++) {
            if (condition.charAt(i) == '\n') {
                lines++;
                col = 0;
            } else {
                col++;
            }
        }
        List<Location> chain = new ArrayList<>(locations);
        chain.add(new Location(ItemType.CONDITION_EXPRESSION, "", name, line + lines + 1, column + col + 1,
                last.offset() + offset));
        return new Context(chain, condition);
    }
}
