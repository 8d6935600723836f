package dev.peregrine.platform.rules.result;

/** Kinds of places a load message can point at, with the labels Falco prints. */
public enum ItemType {
    VALUE_FOR("value for"),
    EXCEPTIONS("exceptions"),
    EXCEPTION("exception"),
    EXCEPTION_VALUES("exception values"),
    EXCEPTION_VALUE("exception value"),
    RULES_CONTENT("rules content"),
    RULES_CONTENT_ITEM("rules content item"),
    REQUIRED_ENGINE_VERSION("required_engine_version"),
    REQUIRED_PLUGIN_VERSIONS("required plugin versions"),
    REQUIRED_PLUGIN_VERSIONS_ENTRY("required plugin versions entry"),
    REQUIRED_PLUGIN_VERSIONS_ALTERNATIVE("required plugin versions alternative"),
    LIST("list"),
    LIST_ITEM("list item"),
    MACRO("macro"),
    MACRO_CONDITION("macro condition"),
    RULE("rule"),
    RULE_CONDITION("rule condition"),
    CONDITION_EXPRESSION("condition expression"),
    RULE_OUTPUT("rule output"),
    RULE_OUTPUT_EXPRESSION("rule output expression"),
    RULE_PRIORITY("rule priority"),
    OVERRIDE("overrides"),
    EXTENSION_ITEM("extension item");

    private final String label;

    ItemType(String label) {
        this.label = label;
    }

    /** The text used in reports ({@code item_type}). */
    public String label() {
        return label;
    }
}
