package dev.peregrine.platform.rules.result;

/**
 * One step of a message's context chain.
 *
 * @param itemType kind of item
 * @param itemName its name, empty when it has none
 * @param fileName file name (or a short quote of a condition for condition positions)
 * @param line     0-based line
 * @param column   0-based column
 * @param offset   0-based character offset
 */
public record Location(ItemType itemType, String itemName, String fileName, int line, int column, int offset) {
    public Location {
        itemName = itemName == null ? "" : itemName;
        fileName = fileName == null ? "" : fileName;
    }
}
