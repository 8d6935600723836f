package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.FieldType;

/** Chooses, at compile time, the comparator for an operator and the left field's type. */
final class Comparators {

    private Comparators() {
    }

    /** Comparator against parsed constants (networks compare by containment). */
    static ValueComparator forConstants(String operator, FieldType type) {
        if (type.kind() == FieldType.Kind.IP_NETWORK) {
            return new NetworkComparator(operator.equals("!="));
        }
        return forFields(operator, type);
    }

    /** Comparator between two values of the same type. */
    static ValueComparator forFields(String operator, FieldType type) {
        return switch (type.kind()) {
            case NUMBER -> number(operator, type);
            case BOOL -> new SignedNumberComparator(Relation.of(operator));
            case IP_ADDRESS, IP_NETWORK -> new AddressComparator(operator.equals("!="));
            case BUFFER -> buffer(operator);
            case STRING, DYNAMIC -> string(operator);
        };
    }

    private static ValueComparator buffer(String operator) {
        return switch (operator) {
            case "!=" -> new BufferEqualityComparator(true);
            case "contains", "bcontains" -> new BufferContainsComparator();
            case "startswith", "bstartswith" -> new BufferAffixComparator(false);
            case "endswith" -> new BufferAffixComparator(true);
            default -> new BufferEqualityComparator(false);
        };
    }

    private static ValueComparator number(String operator, FieldType type) {
        Relation relation = Relation.of(operator);
        if (type == FieldType.DOUBLE) {
            return new DoubleComparator(relation);
        }
        if (type == FieldType.UINT64 || type == FieldType.ABSTIME || type == FieldType.RELTIME) {
            return new UnsignedNumberComparator(relation);
        }
        return new SignedNumberComparator(relation);
    }

    private static ValueComparator string(String operator) {
        return switch (operator) {
            case "contains" -> new StringContainsComparator(false);
            case "icontains" -> new StringContainsComparator(true);
            case "startswith" -> new StringAffixComparator(false);
            case "endswith" -> new StringAffixComparator(true);
            case "glob" -> new GlobComparator(false);
            case "iglob" -> new GlobComparator(true);
            default -> new StringRelationComparator(Relation.of(operator));
        };
    }
}
