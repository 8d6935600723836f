package dev.peregrine.platform.condition.parse;

import static dev.peregrine.platform.condition.grammar.FalcoCondition.AND;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.COMMA;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.EXISTS;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.FIELD;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.IDENT;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.LIST_OP;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.LPAREN;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.MODIFIER;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.NOT;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.NUMBER;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.NUM_OP;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.OR;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.RPAREN;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.STRING;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.STR_OP;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.TCLOSE;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.TRANSFORMER;
import static dev.peregrine.platform.condition.grammar.FalcoCondition.VAL;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Splits a condition into the tokens of the {@code FalcoCondition} parser grammar.
 *
 * <p>Falco lexes on demand: what a piece of text means depends on where in a check the parser
 * stands ({@code proc.pname} is a field on the left of {@code =} and a bare string on its right).
 * This scanner is a small push-down automaton that mirrors those positions, so that it can decide
 * each token the way Falco does and fail with Falco's message at Falco's position. It also tracks
 * the recursion depth Falco's recursive-descent parser would reach, to enforce the same limit.
 */
final class ConditionScanner {
    static final int MAX_DEPTH = 1000;

    private static final String TRANSFORMER_LIST =
            "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'";
    private static final String[] TRANSFORMERS =
            {"tolower", "toupper", "b64", "basename", "len", "join", "concat", "getopt"};
    private static final String[] NUM_OPS = {"<=", "<", ">=", ">"};
    private static final String[] SYMBOL_STR_OPS = {"==", "=", "!="};
    private static final String[] WORD_STR_OPS = {"glob", "iglob", "contains", "icontains", "bcontains",
            "startswith", "bstartswith", "endswith", "regex"};
    private static final String[] LIST_OPS = {"intersects", "in", "pmatch"};
    private static final String[] JOINERS = {"and", "or"};
    private static final String[] MODIFIERS = {"oneof", "anyof", "allof"};
    private static final String OPERATORS = "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', "
            + "'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', "
            + "'intersects', 'in', 'pmatch'";

    // Scanner states: the position inside the grammar where the next token is expected.
    private static final int EXPR = 0;        // start of a not-expression
    private static final int AFTER = 1;       // after a complete check: and / or / ) / end
    private static final int OPERATOR = 2;    // after the left operand of a check
    private static final int NUM_VALUE = 3;
    private static final int STR_VALUE = 4;
    private static final int LIST_VALUE = 5;
    private static final int MOD_VALUE = 6;   // after a modifier: list or identifier
    private static final int LIST_FIRST = 7;  // after "(" of a value list
    private static final int LIST_NEXT = 8;   // after a list item
    private static final int LIST_ITEM = 9;   // after "," in a value list
    private static final int TARG = 10;       // a transformer argument is expected
    private static final int TARG_NEXT = 11;  // after a transformer argument
    private static final int TLIST_FIRST = 12;
    private static final int TLIST_ITEM = 13;
    private static final int TLIST_NEXT = 14;
    private static final int VAL_FIELD = 15;
    private static final int VAL_CLOSE = 16;
    private static final int DONE = 17;
    private static final int OPERAND = 18;    // a lone field or transformer (output formats)
    private static final int AFTER_OR_GROUP = 19; // after the ")" of "or(": "and" may not follow

    private final String text;
    private final int length;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    /** Falco's "last token", quoted in "unexpected token after '...'". */
    private String last = "";
    /** Depth of Falco's parse_check frame at the current nesting level. */
    private int checkDepth = 4;

    // Stack of open constructs (groups, lists, transformers, val): the state to return to when the
    // construct closes, and a depth (a group keeps the outer check depth, a transformer the depth
    // of Falco's frames for its arguments).
    private int[] returns = new int[16];
    private int[] depths = new int[16];
    private int top;
    /** State to continue in after {@link #rightSideTransformerOrVal()} opened a construct. */
    private int entryState;

    private ConditionScanner(String text) {
        this.text = text;
        this.length = text.length();
    }

    /** Scans the whole condition, failing at the first error like Falco. */
    static List<Token> scan(String text) throws ConditionSyntaxException {
        if (text.isEmpty()) {
            throw ConditionSyntaxException.at(text, 0, "filter input string is empty");
        }
        ConditionScanner scanner = new ConditionScanner(text);
        scanner.run(EXPR);
        return scanner.tokens;
    }

    /**
     * Scans one field or transformer at the start of {@code text} and stops right after it, like
     * Falco's partial parse of an output format token.
     *
     * @param consumed receives the number of characters the operand spans, in element 0
     */
    static List<Token> scanOperand(String text, int[] consumed) throws ConditionSyntaxException {
        ConditionScanner scanner = new ConditionScanner(text);
        scanner.checkDepth = 0;
        scanner.run(OPERAND);
        consumed[0] = scanner.pos;
        return scanner.tokens;
    }

    private void run(int initialState) throws ConditionSyntaxException {
        int state = initialState;
        while (state != DONE) {
            state = switch (state) {
                case EXPR -> expression();
                case AFTER -> afterCheck(true);
                case AFTER_OR_GROUP -> afterCheck(false);
                case OPERATOR -> operator();
                case NUM_VALUE -> numberValue();
                case STR_VALUE -> stringValue();
                case LIST_VALUE -> listValue();
                case MOD_VALUE -> modifiedValue();
                case LIST_FIRST -> listFirst();
                case LIST_NEXT -> listNext();
                case LIST_ITEM -> listItem();
                case TARG -> transformerArgument();
                case TARG_NEXT -> transformerArgumentNext();
                case TLIST_FIRST -> transformerListFirst();
                case TLIST_ITEM -> transformerListItem();
                case TLIST_NEXT -> transformerListNext();
                case VAL_FIELD -> valField();
                case VAL_CLOSE -> valClose();
                case OPERAND -> operand();
                default -> throw new IllegalStateException("unknown scanner state " + state);
            };
        }
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setStartIndex(length);
        eof.setStopIndex(length - 1);
        tokens.add(eof);
    }

    // ---- states -------------------------------------------------------------------------------

    private int expression() throws ConditionSyntaxException {
        skipBlanks();
        while (startsWith("not") && pos + 3 < length && isSpace(text.charAt(pos + 3))) {
            int start = pos;
            pos += 3;
            while (pos < length && isSpace(text.charAt(pos))) {
                pos++;
            }
            emit(NOT, start, "not");
            last = text.substring(start, pos);
        }
        if (startsWith("not(")) {
            emit(NOT, pos, pos + 3, "not");
            openGroup(pos + 3, checkDepth + 4);
            return EXPR;
        }
        skipBlanks();
        if (at('(')) {
            openGroup(pos, checkDepth + 5);
            return EXPR;
        }
        int start = pos;
        if (lexFieldName()) {
            fieldRemainder(start, checkDepth + 1);
            return OPERATOR;
        }
        if (lexTransformer(start)) {
            openTransformer(OPERATOR, checkDepth);
            return TARG;
        }
        if (lexIdentifier()) {
            emit(IDENT, start, last);
            return AFTER;
        }
        throw error("expected a '(' token, a field check, or an identifier");
    }

    private int operand() throws ConditionSyntaxException {
        int start = pos;
        if (lexFieldName()) {
            fieldRemainder(start, 2);
            return DONE;
        }
        if (lexTransformer(start)) {
            openTransformer(DONE, 1);
            return TARG;
        }
        // Falco's message here really lacks the closing quote.
        throw error("unexpected token after '" + last);
    }

    /**
     * After a complete check or group.
     *
     * @param andAllowed false right after a group opened by "or(": Falco parses that group
     *                   directly inside its or-loop, so only "or", ")" or the end may follow
     */
    private int afterCheck(boolean andAllowed) throws ConditionSyntaxException {
        skipBlanks();
        if (pos == length) {
            if (top > 0) {
                throw error("expected a ')' token");
            }
            return DONE;
        }
        for (String word : JOINERS) {
            if (startsWith(word) && (andAllowed || word.equals("or"))) {
                int start = pos;
                pos += word.length();
                last = word;
                emit(word.equals("and") ? AND : OR, start, word);
                if (skipBlanks()) {
                    return EXPR;
                }
                if (at('(')) {
                    if (word.equals("and")) {
                        openGroup(pos, checkDepth + 3, AFTER);
                    } else {
                        openGroup(pos, checkDepth + 2, AFTER_OR_GROUP);
                    }
                    return EXPR;
                }
                throw error("expected blank or '(' after '" + word + "'");
            }
        }
        if (top > 0) {
            if (at(')')) {
                emit(RPAREN, pos, pos + 1, ")");
                pos++;
                last = ")";
                checkDepth = depths[top - 1];
                return pop();
            }
            throw error("expected a ')' token");
        }
        throw error("unexpected token after '" + last + "', expecting 'or', 'and'");
    }

    private int operator() throws ConditionSyntaxException {
        skipBlanks();
        if (lexWord("exists")) {
            emit(EXISTS, pos - 6, "exists");
            return AFTER;
        }
        skipBlanks();
        requireDepth(checkDepth + 3);
        int start = pos;
        for (String op : NUM_OPS) {
            if (lexWord(op)) {
                emit(NUM_OP, start, op);
                return NUM_VALUE;
            }
        }
        for (String op : SYMBOL_STR_OPS) {
            if (lexWord(op)) {
                emit(STR_OP, start, op);
                if (pos < length && isBlank(text.charAt(pos))) {
                    skipBlanks();
                    if (lexModifier()) {
                        return MOD_VALUE;
                    }
                }
                return STR_VALUE;
            }
        }
        for (String op : WORD_STR_OPS) {
            if (lexWord(op)) {
                // Like Falco, a word operator without a following blank is not an operator, but the
                // word stays consumed and only the list operators are tried after it.
                if (!skipBlanks()) {
                    break;
                }
                emit(STR_OP, start, start + op.length(), op);
                if (lexModifier()) {
                    return MOD_VALUE;
                }
                return STR_VALUE;
            }
        }
        int listStart = pos;
        for (String op : LIST_OPS) {
            if (lexWord(op)) {
                emit(LIST_OP, listStart, op);
                return LIST_VALUE;
            }
        }
        throw error("expected a valid check operator: one of " + OPERATORS);
    }

    private int numberValue() throws ConditionSyntaxException {
        skipBlanks();
        if (rightSideTransformerOrVal()) {
            return entryState;
        }
        int start = pos;
        if (lexHexNumber() || lexNumber()) {
            emit(NUMBER, start, last);
            return AFTER;
        }
        throw error("expected a number value or a field with a valid transformer: " + TRANSFORMER_LIST);
    }

    private int stringValue() throws ConditionSyntaxException {
        skipBlanks();
        if (rightSideTransformerOrVal()) {
            return entryState;
        }
        if (lexQuotedOrBareString()) {
            return AFTER;
        }
        throw error("expected a string value or a field with a valid transformer: " + TRANSFORMER_LIST);
    }

    private int listValue() throws ConditionSyntaxException {
        skipBlanks();
        if (at('(')) {
            openList();
            return LIST_FIRST;
        }
        if (rightSideTransformerOrVal()) {
            return entryState;
        }
        int start = pos;
        if (lexIdentifier()) {
            emit(IDENT, start, last);
            return AFTER;
        }
        throw error("expected a list, an identifier, or a field with a valid transformer: " + TRANSFORMER_LIST);
    }

    private int modifiedValue() throws ConditionSyntaxException {
        // lexModifier() guaranteed that "(" or an identifier follows.
        if (at('(')) {
            openList();
            return LIST_FIRST;
        }
        int start = pos;
        lexIdentifier();
        emit(IDENT, start, last);
        return AFTER;
    }

    private int listFirst() throws ConditionSyntaxException {
        skipBlanks();
        int start = pos;
        if (at('"') || at('\'')) {
            int close = quotedEnd();
            if (close >= 0) {
                pos = close + 1;
                try {
                    last = StringEscapes.unescape(text, start, close);
                } catch (IllegalArgumentException e) {
                    // Falco treats any failure on the first item as an empty list and expects ")"
                    // right after the text it consumed, so a badly escaped lone item vanishes.
                    return closeList();
                }
                emit(STRING, start, last, true);
                return LIST_NEXT;
            }
        }
        if (lexBareString()) {
            emit(STRING, start, last, false);
            return LIST_NEXT;
        }
        return closeList();
    }

    private int listNext() throws ConditionSyntaxException {
        skipBlanks();
        if (at(',')) {
            emit(COMMA, pos, pos + 1, ",");
            pos++;
            last = ",";
            return LIST_ITEM;
        }
        return closeList();
    }

    private int listItem() throws ConditionSyntaxException {
        skipBlanks();
        if (lexQuotedOrBareString()) {
            return LIST_NEXT;
        }
        throw error("expected a string value");
    }

    private int closeList() throws ConditionSyntaxException {
        if (at(')')) {
            emit(RPAREN, pos, pos + 1, ")");
            pos++;
            last = ")";
            return pop();
        }
        throw error("expected a ')' token");
    }

    private int transformerArgument() throws ConditionSyntaxException {
        skipBlanks();
        int start = pos;
        int argDepth = depths[top - 1];
        if (lexHexNumber() || lexNumber()) {
            emit(NUMBER, start, last);
            return TARG_NEXT;
        }
        if (lexQuoted()) {
            return TARG_NEXT;
        }
        if (at('(')) {
            emit(LPAREN, pos, pos + 1, "(");
            pos++;
            last = "(";
            push(TARG_NEXT, argDepth);
            return TLIST_FIRST;
        }
        if (lexTransformer(start)) {
            openTransformer(TARG_NEXT, argDepth);
            return TARG;
        }
        if (lexFieldName()) {
            fieldRemainder(start, argDepth + 1);
            return TARG_NEXT;
        }
        throw error("expected field transformer argument: "
                + "field, transformer, quoted string, number, or transformer list");
    }

    private int transformerArgumentNext() throws ConditionSyntaxException {
        skipBlanks();
        if (at(',')) {
            emit(COMMA, pos, pos + 1, ",");
            pos++;
            last = ",";
            return TARG;
        }
        return closeTransformer();
    }

    private int closeTransformer() throws ConditionSyntaxException {
        skipBlanks();
        if (!at(')')) {
            throw error("expected a ')' token closing the transformer");
        }
        int start = pos;
        pos++;
        last = ")";
        String argument = null;
        if (at('[')) {
            argument = bracketArgument();
        }
        tokens.add(new ScannedToken(TCLOSE, text, start, pos, ")", argument, false));
        return pop();
    }

    private int transformerListFirst() throws ConditionSyntaxException {
        skipBlanks();
        if (at(')')) {
            emit(RPAREN, pos, pos + 1, ")");
            pos++;
            last = ")";
            return pop();
        }
        return transformerListItem();
    }

    private int transformerListItem() throws ConditionSyntaxException {
        skipBlanks();
        int start = pos;
        int argDepth = depths[top - 1];
        if (lexFieldName()) {
            fieldRemainder(start, argDepth + 1);
            return TLIST_NEXT;
        }
        if (lexTransformer(start)) {
            openTransformer(TLIST_NEXT, argDepth);
            return TARG;
        }
        if (lexQuoted()) {
            return TLIST_NEXT;
        }
        if (lexHexNumber() || lexNumber()) {
            emit(NUMBER, start, last);
            return TLIST_NEXT;
        }
        throw error("expected transformer list argument: field, transformer, quoted string, or number");
    }

    private int transformerListNext() throws ConditionSyntaxException {
        skipBlanks();
        if (at(',')) {
            emit(COMMA, pos, pos + 1, ",");
            pos++;
            last = ",";
            return TLIST_ITEM;
        }
        if (at(')')) {
            emit(RPAREN, pos, pos + 1, ")");
            pos++;
            last = ")";
            return pop();
        }
        throw error("expected ')'");
    }

    private int valField() throws ConditionSyntaxException {
        int start = pos;
        if (!lexFieldName()) {
            throw error("expected a field within 'val' transformer");
        }
        fieldRemainder(start, depths[top - 1] + 1);
        return VAL_CLOSE;
    }

    private int valClose() throws ConditionSyntaxException {
        return closeTransformer();
    }

    // ---- constructs ---------------------------------------------------------------------------

    /**
     * Tries {@code val(} and the transformers on the right side of an operator. On success the
     * construct is open and {@link #entryState} tells the state to continue in.
     */
    private boolean rightSideTransformerOrVal() throws ConditionSyntaxException {
        int start = pos;
        int tryDepth = checkDepth + 3;
        if (startsWith("val(")) {
            pos += 4;
            last = "val";
            emit(VAL, start, "val");
            requireDepth(tryDepth + 1);
            push(AFTER, tryDepth);
            skipBlanks();
            entryState = VAL_FIELD;
            return true;
        }
        if (lexTransformer(start)) {
            openTransformer(AFTER, tryDepth);
            entryState = TARG;
            return true;
        }
        return false;
    }

    private void openGroup(int parenIndex, int newCheckDepth) throws ConditionSyntaxException {
        openGroup(parenIndex, newCheckDepth, AFTER);
    }

    private void openGroup(int parenIndex, int newCheckDepth, int returnState) throws ConditionSyntaxException {
        pos = parenIndex;
        emit(LPAREN, pos, pos + 1, "(");
        pos++;
        last = "(";
        requireDepth(newCheckDepth);
        push(returnState, checkDepth);
        checkDepth = newCheckDepth;
    }

    private void openList() {
        emit(LPAREN, pos, pos + 1, "(");
        pos++;
        last = "(";
        push(AFTER, 0);
    }

    /**
     * Opens a transformer whose name and "(" were just lexed by a Falco frame at {@code callerDepth}:
     * Falco parses it one frame deeper and each argument two frames deeper.
     */
    private void openTransformer(int returnState, int callerDepth) throws ConditionSyntaxException {
        requireDepth(callerDepth + 2);
        push(returnState, callerDepth + 2);
    }

    /** Emits the field token for the name just lexed, with its bracket argument when present. */
    private void fieldRemainder(int start, int depth) throws ConditionSyntaxException {
        requireDepth(depth);
        String name = last;
        String argument = null;
        if (at('[')) {
            argument = bracketArgument();
        }
        tokens.add(new ScannedToken(FIELD, text, start, pos, name, argument, false));
    }

    /** Lexes {@code [arg]} at the cursor; returns the decoded argument. */
    private String bracketArgument() throws ConditionSyntaxException {
        pos++;
        last = "[";
        if (!lexQuotedValue() && !lexFieldArgBareString()) {
            throw error("expected a valid field argument: a quoted string or a bare string");
        }
        String argument = last;
        if (!at(']')) {
            throw error("expected a ']' token");
        }
        pos++;
        last = "]";
        return argument;
    }

    /** Tries a modifier after a string operator; emits it and returns true when one applies. */
    private boolean lexModifier() {
        for (String modifier : MODIFIERS) {
            if (!startsWith(modifier)) {
                continue;
            }
            int after = pos + modifier.length();
            if (after >= length || !isBlank(text.charAt(after))) {
                return false;
            }
            int next = after;
            while (next < length && isBlank(text.charAt(next))) {
                next++;
            }
            if (next >= length) {
                return false;
            }
            if (text.charAt(next) != '(') {
                int end = identifierEnd(next);
                if (end == next) {
                    return false;
                }
                String word = text.substring(next, end);
                if (word.equals("and") || word.equals("or") || word.equals("not")) {
                    return false;
                }
            }
            emit(MODIFIER, pos, pos + modifier.length(), modifier);
            last = modifier;
            pos = next;
            return true;
        }
        return false;
    }

    // ---- lexical helpers ----------------------------------------------------------------------

    /** Falco's lex_blank: skips space, tab, backspace, CR and LF; true when any was skipped. */
    private boolean skipBlanks() {
        int start = pos;
        while (pos < length && isBlank(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n';
    }

    /** POSIX [:space:], used by Falco's regular expressions. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentifierPart(char c) {
        return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean at(char c) {
        return pos < length && text.charAt(pos) == c;
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    private boolean lexWord(String s) {
        if (text.startsWith(s, pos)) {
            pos += s.length();
            last = s;
            return true;
        }
        return false;
    }

    private int identifierEnd(int from) {
        if (from >= length || !isLetter(text.charAt(from))) {
            return from;
        }
        int i = from + 1;
        while (i < length && isIdentifierPart(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private boolean lexIdentifier() {
        int end = identifierEnd(pos);
        if (end == pos) {
            return false;
        }
        last = text.substring(pos, end);
        pos = end;
        return true;
    }

    /** Identifier followed by one or more {@code .Identifier}. */
    private boolean lexFieldName() {
        int end = identifierEnd(pos);
        if (end == pos) {
            return false;
        }
        int parts = 0;
        while (end + 1 < length && text.charAt(end) == '.' && isLetter(text.charAt(end + 1))) {
            end = identifierEnd(end + 1);
            parts++;
        }
        if (parts == 0) {
            return false;
        }
        last = text.substring(pos, end);
        pos = end;
        return true;
    }

    /** A transformer name immediately followed by "("; emits the TRANSFORMER token. */
    private boolean lexTransformer(int start) {
        for (String name : TRANSFORMERS) {
            if (text.startsWith(name, pos) && pos + name.length() < length
                    && text.charAt(pos + name.length()) == '(') {
                pos += name.length() + 1;
                last = name;
                emit(TRANSFORMER, start, name);
                return true;
            }
        }
        return false;
    }

    private boolean lexHexNumber() {
        if (pos + 2 < length && text.charAt(pos) == '0' && (text.charAt(pos + 1) | 0x20) == 'x'
                && Character.digit(text.charAt(pos + 2), 16) >= 0 && text.charAt(pos + 2) < 128) {
            int end = pos + 2;
            while (end < length && text.charAt(end) < 128 && Character.digit(text.charAt(end), 16) >= 0) {
                end++;
            }
            last = text.substring(pos, end);
            pos = end;
            return true;
        }
        return false;
    }

    /** {@code [+-]?[0-9]+\.?[0-9]*([eE][+-][0-9]+)?} */
    private boolean lexNumber() {
        int i = pos;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        if (i >= length || !isDigit(text.charAt(i))) {
            return false;
        }
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
        }
        while (i < length && isDigit(text.charAt(i))) {
            i++;
        }
        if (i + 2 < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')
                && (text.charAt(i + 1) == '+' || text.charAt(i + 1) == '-') && isDigit(text.charAt(i + 2))) {
            i += 2;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
        }
        last = text.substring(pos, i);
        pos = i;
        return true;
    }

    /**
     * Index of the quote closing the string that starts at the cursor, or -1 when unterminated:
     * the first matching quote not immediately preceded by a backslash.
     */
    private int quotedEnd() {
        char delimiter = text.charAt(pos);
        char previous = delimiter;
        for (int i = pos + 1; i < length; i++) {
            char c = text.charAt(i);
            if (c == delimiter && previous != '\\') {
                return i;
            }
            previous = c;
        }
        return -1;
    }

    /** Lexes a quoted string into {@link #last} (decoded) without emitting it. */
    private boolean lexQuotedValue() throws ConditionSyntaxException {
        if (!at('"') && !at('\'')) {
            return false;
        }
        int close = quotedEnd();
        if (close < 0) {
            return false;
        }
        int start = pos;
        pos = close + 1;
        try {
            last = StringEscapes.unescape(text, start, close);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        return true;
    }

    /** Lexes and emits a quoted string. */
    private boolean lexQuoted() throws ConditionSyntaxException {
        int start = pos;
        if (!lexQuotedValue()) {
            return false;
        }
        emit(STRING, start, last, true);
        return true;
    }

    private boolean lexQuotedOrBareString() throws ConditionSyntaxException {
        int start = pos;
        if (lexQuoted()) {
            return true;
        }
        if (lexBareString()) {
            emit(STRING, start, last, false);
            return true;
        }
        return false;
    }

    /** {@code [^()"'[:space:]=,]+} */
    private boolean lexBareString() {
        int i = pos;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || c == '"' || c == '\'' || c == '=' || c == ',' || isSpace(c)) {
                break;
            }
            i++;
        }
        if (i == pos) {
            return false;
        }
        last = text.substring(pos, i);
        pos = i;
        return true;
    }

    /** {@code [^][\"'[:space:]]+} */
    private boolean lexFieldArgBareString() {
        int i = pos;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '[' || c == ']' || c == '"' || c == '\'' || isSpace(c)) {
                break;
            }
            i++;
        }
        if (i == pos) {
            return false;
        }
        last = text.substring(pos, i);
        pos = i;
        return true;
    }

    // ---- bookkeeping --------------------------------------------------------------------------

    private void emit(int type, int start, String value) {
        tokens.add(new ScannedToken(type, text, start, pos, value, null, false));
    }

    private void emit(int type, int start, int stop, String value) {
        tokens.add(new ScannedToken(type, text, start, stop, value, null, false));
    }

    private void emit(int type, int start, String value, boolean quoted) {
        tokens.add(new ScannedToken(type, text, start, pos, value, null, quoted));
    }

    private void push(int returnState, int depth) {
        if (top == returns.length) {
            returns = java.util.Arrays.copyOf(returns, top * 2);
            depths = java.util.Arrays.copyOf(depths, top * 2);
        }
        returns[top] = returnState;
        depths[top] = depth;
        top++;
    }

    private int pop() {
        top--;
        return returns[top];
    }

    private void requireDepth(int depth) throws ConditionSyntaxException {
        if (depth >= MAX_DEPTH) {
            throw error("exceeded max depth limit of " + MAX_DEPTH);
        }
    }

    private ConditionSyntaxException error(String message) {
        return ConditionSyntaxException.at(text, pos, message);
    }
}
