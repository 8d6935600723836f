/*
 * Structure of a Falco rule condition.
 *
 * Falco's condition language is blank-sensitive and context-dependent at the character level
 * ("a andb" is an error, "proc.name=cat" needs no blanks, "notb" is an identifier, the right side
 * of "=" is a bare string that may look like a field name). No fixed lexer can split such text
 * into tokens without knowing where in a check it stands, so the tokens of this parser grammar are
 * produced by a hand-written, context-aware scanner (condition.parse.ConditionScanner). The scanner
 * also reports every syntax error with Falco's exact message; this grammar only gives the token
 * stream its tree shape, which makes it LL(1) apart from the modifier choice after STR_OP.
 */
parser grammar FalcoCondition;

tokens {
    NOT,          // "not" followed by blanks, or the "not" of "not("
    LPAREN,       // "(" opening a group, a value list or a transformer list
    RPAREN,       // ")" closing a group, a value list or a transformer list
    AND,
    OR,
    FIELD,        // dotted field name, with its bracket argument when present
    TRANSFORMER,  // "tolower(", "join(", ... (the name and its opening parenthesis)
    VAL,          // "val("
    TCLOSE,       // ")" closing a transformer or val(), with a bracket argument when present
    IDENT,        // macro reference, or a one-item list name after a list operator or modifier
    EXISTS,
    NUM_OP,       // <= < >= >
    STR_OP,       // == = != and the word operators (glob, contains, ...)
    LIST_OP,      // in intersects pmatch
    MODIFIER,     // oneof anyof allof
    STRING,       // quoted or bare string
    NUMBER,       // decimal or hexadecimal number
    COMMA
}

condition       : orExpr EOF ;

// A lone field or transformer, as in an output format token.
operandOnly     : operand EOF ;

orExpr          : andExpr (OR andExpr)* ;

andExpr         : notExpr (AND notExpr)* ;

notExpr         : NOT* primary ;

primary         : LPAREN orExpr RPAREN      # group
                | operand predicate         # check
                | IDENT                     # macro
                ;

operand         : FIELD
                | transformer
                ;

transformer     : TRANSFORMER transformerArg (COMMA transformerArg)* TCLOSE ;

transformerArg  : NUMBER
                | STRING
                | FIELD
                | transformer
                | transformerList
                ;

transformerList : LPAREN (transformerItem (COMMA transformerItem)*)? RPAREN ;

transformerItem : NUMBER
                | STRING
                | FIELD
                | transformer
                ;

predicate       : EXISTS                                # unaryPredicate
                | NUM_OP (rightSide | NUMBER)           # numberPredicate
                | STR_OP MODIFIER (valueList | IDENT)   # modifiedPredicate
                | STR_OP (rightSide | STRING)           # stringPredicate
                | LIST_OP (valueList | rightSide | IDENT) # listPredicate
                ;

rightSide       : VAL FIELD TCLOSE          # fieldValue
                | transformer               # transformerValue
                ;

valueList       : LPAREN (STRING (COMMA STRING)*)? RPAREN ;
