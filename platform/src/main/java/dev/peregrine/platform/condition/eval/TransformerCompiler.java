package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.FieldType;
import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.Operand;
import dev.peregrine.platform.condition.ast.Transformer;
import dev.peregrine.platform.condition.ast.TransformerArg;
import dev.peregrine.platform.condition.ast.TransformerList;
import java.util.ArrayList;
import java.util.List;

/** Type-checks a transformer application (§2.5) and builds its operand, innermost first. */
final class TransformerCompiler {

    private final FilterCompiler compiler;

    TransformerCompiler(FilterCompiler compiler) {
        this.compiler = compiler;
    }

    CompiledOperand compile(Transformer transformer) throws ConditionCompileException {
        String name = transformer.name();
        if (transformer.argument() != null && !name.equals("getopt")) {
            throw new ConditionCompileException("filter error: transformer '" + name + "' does not support field arguments");
        }
        String text = render(transformer);
        return switch (name) {
            case "tolower", "toupper" -> {
                CompiledOperand input = single(transformer);
                requireString(name, input, false);
                yield new CaseTransformer(input, name.equals("toupper"), text);
            }
            case "basename" -> {
                CompiledOperand input = single(transformer);
                requireString(name, input, false);
                yield new BasenameTransformer(input, text);
            }
            case "b64" -> {
                CompiledOperand input = single(transformer);
                requireString(name, input, true);
                if (input.type() == FieldType.FSPATH) {
                    throw unsupported(input, name);
                }
                yield new Base64Transformer(input, text);
            }
            case "len" -> {
                CompiledOperand input = single(transformer);
                if (!input.list()) {
                    requireString(name, input, true);
                }
                yield new LengthTransformer(input, text);
            }
            case "join" -> compileJoin(transformer, text);
            case "concat" -> compileConcat(transformer, text);
            case "getopt" -> compileGetopt(transformer, text);
            default -> throw new ConditionCompileException("filter error: unknown transformer '" + name + "'");
        };
    }

    private CompiledOperand single(Transformer transformer) throws ConditionCompileException {
        if (transformer.args().size() != 1) {
            throw new ConditionCompileException("filter error: transformer '" + transformer.name()
                    + "' expects 1 argument, got " + transformer.args().size());
        }
        return operand(transformer, transformer.args().getFirst());
    }

    private CompiledOperand operand(Transformer transformer, TransformerArg arg) throws ConditionCompileException {
        if (arg instanceof Operand operand) {
            CompiledOperand compiled = compiler.compileOperand(operand);
            if (compiled.type() == FieldType.DYNAMIC) {
                throw new ConditionCompileException(
                        "field '" + FilterCompiler.fieldName(compiled) + "' does not support transformers");
            }
            return compiled;
        }
        throw new ConditionCompileException("filter error: transformer '" + transformer.name()
                + "' expects a field or transformer argument");
    }

    private static void requireString(String name, CompiledOperand input, boolean bufferAllowed)
            throws ConditionCompileException {
        FieldType.Kind kind = input.type().kind();
        if (kind != FieldType.Kind.STRING && !(bufferAllowed && kind == FieldType.Kind.BUFFER)) {
            throw unsupported(input, name);
        }
    }

    private static ConditionCompileException unsupported(CompiledOperand input, String name) {
        return new ConditionCompileException("can't add field transformer: type '" + TypeNames.of(input.type())
                + "' is not supported by '" + name + "' transformer applied on field '"
                + FilterCompiler.fieldName(input) + "'");
    }

    private CompiledOperand compileJoin(Transformer transformer, String text) throws ConditionCompileException {
        List<TransformerArg> args = transformer.args();
        if (args.size() != 2 || !(args.get(0) instanceof Literal separator)) {
            throw new ConditionCompileException(
                    "filter error: transformer 'join' expects a separator string and a list argument");
        }
        CompiledOperand input = operand(transformer, args.get(1));
        if (!input.list() || input.type().kind() != FieldType.Kind.STRING) {
            throw unsupported(input, "join");
        }
        return new JoinTransformer(separator.text(), input, text);
    }

    private CompiledOperand compileConcat(Transformer transformer, String text) throws ConditionCompileException {
        List<TransformerArg> args = flatten(transformer.args());
        if (args.size() < 2) {
            throw new ConditionCompileException("filter error: transformer 'concat' expects at least 2 arguments");
        }
        List<CompiledOperand> parts = new ArrayList<>();
        for (TransformerArg arg : args) {
            if (arg instanceof Literal literal) {
                parts.add(new LiteralOperand(literal.text(), quote(literal)));
                continue;
            }
            CompiledOperand part = operand(transformer, arg);
            if (part.list() || part.type().kind() != FieldType.Kind.STRING) {
                throw unsupported(part, "concat");
            }
            parts.add(part);
        }
        return new ConcatTransformer(parts, text);
    }

    private CompiledOperand compileGetopt(Transformer transformer, String text) throws ConditionCompileException {
        List<TransformerArg> args = transformer.args();
        if (args.size() != 2 || !(args.get(1) instanceof Literal optstring)) {
            throw new ConditionCompileException(
                    "filter error: transformer 'getopt' expects an argument list and an option string");
        }
        CompiledOperand input = operand(transformer, args.get(0));
        if (!input.list() || input.type().kind() != FieldType.Kind.STRING) {
            throw unsupported(input, "getopt");
        }
        String selected = transformer.argument();
        if (selected != null && selected.length() != 1) {
            throw new ConditionCompileException(
                    "filter error: transformer 'getopt' argument must be a single option character");
        }
        return new GetoptTransformer(input, optstring.text(), selected == null ? null : selected.charAt(0), text);
    }

    private static List<TransformerArg> flatten(List<TransformerArg> args) {
        List<TransformerArg> flat = new ArrayList<>();
        for (TransformerArg arg : args) {
            if (arg instanceof TransformerList list) {
                flat.addAll(flatten(list.items()));
            } else {
                flat.add(arg);
            }
        }
        return flat;
    }

    /** The transformer as written in canonical form, e.g. {@code toupper(proc.name)}. */
    static String render(TransformerArg arg) {
        return switch (arg) {
            case FieldRef field -> field.text();
            case Literal literal -> quote(literal);
            case TransformerList list -> "(" + String.join(", ", renderAll(list.items())) + ")";
            case Transformer transformer -> transformer.name() + "(" + String.join(", ", renderAll(transformer.args()))
                    + ")" + (transformer.argument() == null ? "" : "[" + transformer.argument() + "]");
        };
    }

    private static List<String> renderAll(List<TransformerArg> args) {
        List<String> out = new ArrayList<>();
        for (TransformerArg arg : args) {
            out.add(render(arg));
        }
        return out;
    }

    private static String quote(Literal literal) {
        return literal.quoted() ? "\"" + literal.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : literal.text();
    }
}
