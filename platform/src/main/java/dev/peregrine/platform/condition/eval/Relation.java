package dev.peregrine.platform.condition.eval;

/** The ordering operators, each deciding from a three-way comparison result. */
enum Relation {
    EQUAL {
        @Override
        boolean holds(int comparison) {
            return comparison == 0;
        }
    },
    NOT_EQUAL {
        @Override
        boolean holds(int comparison) {
            return comparison != 0;
        }
    },
    LESS {
        @Override
        boolean holds(int comparison) {
            return comparison < 0;
        }
    },
    LESS_OR_EQUAL {
        @Override
        boolean holds(int comparison) {
            return comparison <= 0;
        }
    },
    GREATER {
        @Override
        boolean holds(int comparison) {
            return comparison > 0;
        }
    },
    GREATER_OR_EQUAL {
        @Override
        boolean holds(int comparison) {
            return comparison >= 0;
        }
    };

    abstract boolean holds(int comparison);

    /** The relation for an operator, or null when the operator is not an ordering one. */
    static Relation of(String operator) {
        return switch (operator) {
            case "=", "==", "in", "intersects" -> EQUAL;
            case "!=" -> NOT_EQUAL;
            case "<" -> LESS;
            case "<=" -> LESS_OR_EQUAL;
            case ">" -> GREATER;
            case ">=" -> GREATER_OR_EQUAL;
            default -> null;
        };
    }
}
