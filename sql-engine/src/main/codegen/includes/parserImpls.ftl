<#--
  Calx's additions to Calcite's SQL grammar: WebAssembly routines, the table DDL of the embedded
  database, and transaction control. Registered in ../config.fmpp.
-->

/**
 * An error at a known place in the statement. Calcite's parser turns a CalciteContextException
 * into a SqlParseException carrying that position and the cause's message, so the position is
 * also spelled out in the message for readers who only see the text.
 */
JAVACODE CalciteContextException calxError(SqlParserPos pos, String message)
{
    final String located = String.format(Locale.ROOT, "%s (at line %d, column %d)", message,
        pos.getLineNum(), pos.getColumnNum());
    return new CalciteContextException(located, new CalciteException(located, null),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
}

/** Where the next token starts and ends, for an error about what should have come before it. */
JAVACODE SqlParserPos nextTokenPos()
{
    final Token next = getToken(1);
    return new SqlParserPos(next.beginLine, next.beginColumn, next.endLine, next.endColumn);
}

/** Rejects a routine clause given twice rather than letting the last one silently win. */
JAVACODE void uniqueClause(Set<String> seen, String clause, SqlParserPos pos)
{
    if (!seen.add(clause)) {
        throw calxError(pos, "Clause " + clause + " appears more than once");
    }
}

/** IF is a non-reserved keyword, so "IF" alone may still be a name. */
boolean IfNotExistsOpt() :
{
}
{
    LOOKAHEAD(3) <IF> <NOT> <EXISTS> { return true; }
|
    { return false; }
}

boolean IfExistsOpt() :
{
}
{
    LOOKAHEAD(2) <IF> <EXISTS> { return true; }
|
    { return false; }
}

/** TEXT: an unbounded VARCHAR that unparses as written. */
SqlTypeNameSpec TextTypeName() :
{
}
{
    <TEXT> { return new SqlTextTypeNameSpec(getPos()); }
}

/** A character string (continued fragments joined); X'..' is not one. */
SqlCharStringLiteral CharStringLiteral() :
{
    final SqlNode node;
}
{
    node = StringLiteral() {
        final SqlLiteral literal = SqlLiteral.unchain(node);
        if (literal instanceof SqlCharStringLiteral) {
            return (SqlCharStringLiteral) literal;
        }
        throw calxError(literal.getParserPosition(),
            "Expected a character string literal, found " + literal);
    }
}

RoutineKind RoutineKindKeyword() :
{
}
{
    <PROCEDURE> { return RoutineKind.PROCEDURE; }
|
    <FUNCTION> { return RoutineKind.FUNCTION; }
}

/** A type a WebAssembly routine can take or return; anything else fails here, at parse time. */
SqlDataTypeSpec RoutineDataType() :
{
    final SqlDataTypeSpec type;
}
{
    type = DataType() {
        try {
            SqlRoutineParameter.typeOf(type);
        } catch (IllegalArgumentException e) {
            throw calxError(type.getParserPosition(), e.getMessage());
        }
        return type;
    }
}

void RoutineParameter(List<SqlNode> list) :
{
    SqlIdentifier name = null;
    final SqlDataTypeSpec type;
    final Span s = Span.of();
}
{
    [
        // A name is present only if a type follows it: in "f(TEXT)" TEXT is the type.
        LOOKAHEAD(SimpleIdentifier() TypeName())
        name = SimpleIdentifier() { s.add(name); }
    ]
    type = RoutineDataType() {
        list.add(new SqlRoutineParameter(s.add(type).pos(), name, type));
    }
}

/**
 * One column of RETURNS TABLE (...): a name and a type a routine can return. A reserved word
 * (POSITION, VALUE ...) is a name only if quoted, as anywhere else.
 *
 * @param names the names of the columns before it, which this one must not repeat
 */
void RoutineResultColumn(List<SqlNode> list, Set<String> names) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
}
{
    name = SimpleIdentifier() {
        if (!names.add(name.getSimple())) {
            throw calxError(name.getParserPosition(),
                "Result column " + name.getSimple() + " appears more than once");
        }
    }
    type = RoutineDataType() {
        list.add(new SqlRoutineParameter(Span.of(name).add(type).pos(), name, type));
    }
}

/** The columns of RETURNS TABLE: at least one. */
SqlNodeList RoutineResultColumnList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    final Set<String> names = new HashSet<String>();
}
{
    <LPAREN> { s = span(); }
    RoutineResultColumn(list, names)
    ( <COMMA> RoutineResultColumn(list, names) )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

SqlNodeList RoutineParameterList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    [
        RoutineParameter(list)
        ( <COMMA> RoutineParameter(list) )*
    ]
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

/** Only WASM exists; naming the language we saw beats a bare "expecting WASM". */
void RoutineLanguage() :
{
    final SqlIdentifier language;
}
{
    <LANGUAGE> language = SimpleIdentifier() {
        if (!language.getSimple().equalsIgnoreCase("WASM")) {
            throw calxError(language.getParserPosition(),
                "Unsupported LANGUAGE " + language.getSimple() + "; routines are LANGUAGE WASM");
        }
    }
}

void RoutineOption(List<SqlNode> list) :
{
    final SqlIdentifier key;
    final SqlLiteral value;
}
{
    key = SimpleIdentifier() <EQ>
    (
        value = NumericLiteral()
    |
        value = CharStringLiteral()
    )
    {
        list.add(new SqlRoutineOption(Span.of(key).end(this), key, value));
    }
}

SqlNodeList RoutineOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    RoutineOption(list)
    ( <COMMA> RoutineOption(list) )*
    <RPAREN> {
        return new SqlNodeList(list, s.end(this));
    }
}

RoutineBody RoutineBodyClause() :
{
    final SqlNode node;
    final SqlCharStringLiteral path;
}
{
    <AS> node = StringLiteral() {
        return RoutineBody.ofLiteral(node);
    }
|
    <FROM> <FILE> path = CharStringLiteral() {
        return new RoutineBody.File(path.getValueAs(String.class));
    }
|
    {
        final Token next = getToken(1);
        throw calxError(nextTokenPos(),
            "Expected a routine clause (NO SQL, READS SQL DATA, MODIFIES SQL DATA, EXPORT,"
            + " [NOT] DETERMINISTIC, RETURNS NULL ON NULL INPUT, COMMENT, WITH) or the module"
            + " (AS '...', AS X'...', FROM FILE '...'), found "
            + (next.kind == EOF ? "the end of the statement" : "\"" + next.image + "\""));
    }
}

/**
 * CREATE [OR REPLACE] {PROCEDURE | FUNCTION} [IF NOT EXISTS] name (params)
 * [RETURNS type | RETURNS TABLE (columns)] LANGUAGE WASM, then the optional clauses in any order,
 * each at most once, then the module.
 */
SqlCreate SqlCreateRoutine(Span s, boolean replace) :
{
    final RoutineKind kind;
    final boolean ifNotExists;
    final SqlIdentifier id;
    final SqlNodeList parameters;
    SqlDataTypeSpec returnType = null;
    SqlNodeList resultColumns = SqlNodeList.EMPTY;
    final Set<String> seen = new HashSet<String>();
    final String dataAccess = "NO SQL / READS SQL DATA / MODIFIES SQL DATA";
    SqlDataAccess sqlDataAccess = SqlDataAccess.NO_SQL;
    SqlCharStringLiteral exportName = null;
    boolean deterministic = false;
    SqlCharStringLiteral comment = null;
    SqlNodeList withOptions = SqlNodeList.EMPTY;
    final RoutineBody body;
}
{
    kind = RoutineKindKeyword()
    ifNotExists = IfNotExistsOpt()
    id = SimpleIdentifier()
    parameters = RoutineParameterList()
    (
        <RETURNS>
        (
            <TABLE> resultColumns = RoutineResultColumnList()
        |
            returnType = RoutineDataType()
        )
    |
        {
            if (kind == RoutineKind.FUNCTION) {
                throw calxError(nextTokenPos(), "A FUNCTION returns a value or a table: declare"
                    + " RETURNS type or RETURNS TABLE (column type, ...); only a PROCEDURE may"
                    + " omit RETURNS");
            }
        }
    )
    RoutineLanguage()
    (
        <NO> { uniqueClause(seen, dataAccess, getPos()); }
        <SQL> { sqlDataAccess = SqlDataAccess.NO_SQL; }
    |
        <READS> { uniqueClause(seen, dataAccess, getPos()); }
        <SQL> <DATA> { sqlDataAccess = SqlDataAccess.READS_SQL_DATA; }
    |
        <MODIFIES> { uniqueClause(seen, dataAccess, getPos()); }
        <SQL> <DATA> { sqlDataAccess = SqlDataAccess.MODIFIES_SQL_DATA; }
    |
        <CONTAINS> {
            throw calxError(getPos(), "CONTAINS SQL is not supported; declare NO SQL,"
                + " READS SQL DATA or MODIFIES SQL DATA");
        }
    |
        <EXPORT> { uniqueClause(seen, "EXPORT", getPos()); }
        exportName = CharStringLiteral()
    |
        <DETERMINISTIC> {
            uniqueClause(seen, "[NOT] DETERMINISTIC", getPos());
            deterministic = true;
        }
    |
        <NOT> { uniqueClause(seen, "[NOT] DETERMINISTIC", getPos()); }
        <DETERMINISTIC> { deterministic = false; }
    |
        <RETURNS> { uniqueClause(seen, "RETURNS NULL ON NULL INPUT", getPos()); }
        <NULL> <ON> <NULL> <INPUT>
    |
        <CALLED> {
            throw calxError(getPos(), "CALLED ON NULL INPUT is not supported;"
                + " WebAssembly routines return NULL on NULL input");
        }
    |
        <COMMENT> { uniqueClause(seen, "COMMENT", getPos()); }
        comment = CharStringLiteral()
    |
        <WITH> { uniqueClause(seen, "WITH", getPos()); }
        withOptions = RoutineOptionList()
    )*
    body = RoutineBodyClause()
    {
        return new SqlCreateRoutine(s.end(this), kind, replace, ifNotExists, id, parameters,
            returnType, resultColumns, sqlDataAccess, exportName, deterministic, comment,
            withOptions, body);
    }
}

SqlDrop SqlDropRoutine(Span s, boolean replace) :
{
    final RoutineKind kind;
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    kind = RoutineKindKeyword()
    ifExists = IfExistsOpt()
    id = SimpleIdentifier() {
        return new SqlDropRoutine(s.end(this), kind, ifExists, id);
    }
}

/**
 * A column (name type [NOT] NULL [DEFAULT expr] [PRIMARY KEY]) or a table constraint
 * ([CONSTRAINT name] {PRIMARY KEY | UNIQUE} (columns)). A column's PRIMARY KEY is recorded as
 * the equivalent table constraint, so there is one shape for the executor to read.
 */
void TableElement(List<SqlNode> list) :
{
    final SqlIdentifier id;
    final SqlDataTypeSpec type;
    boolean nullable = true;
    SqlNode defaultValue = null;
    SqlIdentifier name = null;
    final SqlNodeList columns;
    final Span s = Span.of();
}
{
    id = SimpleIdentifier() { s.add(id); }
    type = DataType()
    [
        <NULL> { nullable = true; }
    |
        <NOT> <NULL> { nullable = false; }
    ]
    [ <DEFAULT_> defaultValue = Expression(ExprContext.ACCEPT_SUB_QUERY) ]
    {
        list.add(
            SqlDdlNodes.column(s.end(this), id, type.withNullable(nullable), defaultValue,
                defaultValue != null ? ColumnStrategy.DEFAULT
                    : nullable ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE));
    }
    [
        <PRIMARY> { s.add(this); } <KEY> {
            list.add(
                SqlDdlNodes.primary(s.end(this), null,
                    new SqlNodeList(Collections.singletonList(id), id.getParserPosition())));
        }
    ]
|
    [ <CONSTRAINT> { s.add(this); } name = SimpleIdentifier() ]
    (
        <PRIMARY> { s.add(this); } <KEY>
        columns = ParenthesizedSimpleIdentifierList() {
            list.add(SqlDdlNodes.primary(s.end(columns), name, columns));
        }
    |
        <UNIQUE> { s.add(this); }
        columns = ParenthesizedSimpleIdentifierList() {
            list.add(SqlDdlNodes.unique(s.end(columns), name, columns));
        }
    )
}

SqlNodeList TableElementList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    boolean hasPrimaryKey = false;
}
{
    <LPAREN> { s = span(); }
    TableElement(list)
    ( <COMMA> TableElement(list) )*
    <RPAREN> {
        for (SqlNode element : list) {
            if (element.getKind() == SqlKind.PRIMARY_KEY) {
                if (hasPrimaryKey) {
                    throw calxError(element.getParserPosition(),
                        "A table can have only one PRIMARY KEY");
                }
                hasPrimaryKey = true;
            }
        }
        return new SqlNodeList(list, s.end(this));
    }
}

SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    final boolean ifNotExists;
    final SqlIdentifier id;
    SqlNodeList elements = null;
    SqlNode query = null;
}
{
    <TABLE> {
        // Calcite's SqlCreateTable would drop OR REPLACE when unparsed; refuse it up front.
        if (replace) {
            throw calxError(s.end(this),
                "CREATE OR REPLACE TABLE is not supported; use DROP TABLE, then CREATE TABLE");
        }
    }
    ifNotExists = IfNotExistsOpt()
    id = CompoundIdentifier()
    (
        elements = TableElementList()
        [ <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY) ]
    |
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return SqlDdlNodes.createTable(s.end(this), false, ifNotExists, id, elements, query);
    }
}

SqlDrop SqlDropTable(Span s, boolean replace) :
{
    final boolean ifExists;
    final SqlIdentifier id;
}
{
    <TABLE> ifExists = IfExistsOpt() id = CompoundIdentifier() {
        return SqlDdlNodes.dropTable(s.end(this), ifExists, id);
    }
}

/** START TRANSACTION, or BEGIN [WORK | TRANSACTION]. */
SqlNode SqlStartTransaction() :
{
    final SqlParserPos pos;
}
{
    (
        <START> { pos = getPos(); } <TRANSACTION>
    |
        <BEGIN> { pos = getPos(); } [ <WORK> | <TRANSACTION> ]
    )
    { return new SqlStartTransaction(pos); }
}

/** COMMIT [WORK]. */
SqlNode SqlCommit() :
{
    final SqlParserPos pos;
}
{
    <COMMIT> { pos = getPos(); } [ <WORK> ]
    { return new SqlCommit(pos); }
}

/** ROLLBACK [WORK] [TO [SAVEPOINT] name]. */
SqlNode SqlRollback() :
{
    final SqlParserPos pos;
    SqlIdentifier savepoint = null;
}
{
    <ROLLBACK> { pos = getPos(); } [ <WORK> ]
    [ <TO> [ <SAVEPOINT> ] savepoint = SimpleIdentifier() ]
    { return new SqlRollback(pos, savepoint); }
}

/** SAVEPOINT name. */
SqlNode SqlSetSavepoint() :
{
    final SqlParserPos pos;
    final SqlIdentifier name;
}
{
    <SAVEPOINT> { pos = getPos(); } name = SimpleIdentifier()
    { return new SqlSavepoint(pos, false, name); }
}

/** RELEASE [SAVEPOINT] name. */
SqlNode SqlReleaseSavepoint() :
{
    final SqlParserPos pos;
    final SqlIdentifier name;
}
{
    <RELEASE> { pos = getPos(); } [ <SAVEPOINT> ] name = SimpleIdentifier()
    { return new SqlSavepoint(pos, true, name); }
}

/**
 * The JDBC escapes of a routine call: {call name(args)} is CALL name(args); {? = call name(args)}
 * also names a parameter, the first, that receives the routine's value.
 */
SqlNode SqlJdbcCall() :
{
    final SqlParserPos pos;
    boolean returnsValue = false;
    final SqlNode routineCall;
}
{
    <LBRACE> { pos = getPos(); }
    [
        // Numbered like any parameter, so the arguments' parameters follow it.
        <HOOK> { nDynamicParams++; returnsValue = true; } <EQ>
    ]
    <CALL>
    routineCall = NamedRoutineCall(SqlFunctionCategory.USER_DEFINED_PROCEDURE,
        ExprContext.ACCEPT_SUB_QUERY)
    <RBRACE> {
        return returnsValue
            ? new SqlReturningCall(pos.plus(getPos()), routineCall)
            : SqlStdOperatorTable.PROCEDURE_CALL.createCall(pos.plus(getPos()), routineCall);
    }
}

/** The JDBC escape of LIKE's escape character: a LIKE b {escape 'c'} is a LIKE b ESCAPE 'c'. */
void JdbcLikeEscape(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlNode escape;
}
{
    <LBRACE> <ESCAPE> { s.clear().add(this); } escape = Expression3(ExprContext.ACCEPT_SUB_QUERY)
    <RBRACE> {
        list.add(new SqlParserUtil.ToTreeListItem(SqlStdOperatorTable.ESCAPE, s.pos()));
        list.add(escape);
    }
}
