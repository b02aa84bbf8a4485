package dev.calx.sql.ddl;

import dev.calx.sql.catalog.RoutineDefinition;
import dev.calx.sql.catalog.RoutineKind;
import dev.calx.sql.catalog.RoutineType;
import dev.calx.sql.catalog.SqlDataAccess;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.apache.calcite.util.Litmus;

/**
 * {@code CREATE [OR REPLACE] {PROCEDURE | FUNCTION} [IF NOT EXISTS] name (...) [RETURNS type |
 * RETURNS TABLE (column type, ...)] LANGUAGE WASM ...}: declares a routine whose body is a
 * WebAssembly module.
 *
 * <p>{@link #getReplace()} and {@link #ifNotExists} come from {@link SqlCreate}. Omitted
 * clauses read as their defaults, and {@link #unparse} writes every clause out, so the text it
 * produces states the routine completely.
 */
public final class SqlCreateRoutine extends SqlCreate {
  // Calcite has no procedure kinds; CREATE_FUNCTION is in SqlKind.DDL, which routes both to the
  // DDL executor. The operator names keep the two apart.
  private static final SqlOperator CREATE_PROCEDURE =
      new SqlSpecialOperator("CREATE PROCEDURE", SqlKind.CREATE_FUNCTION);
  private static final SqlOperator CREATE_FUNCTION =
      new SqlSpecialOperator("CREATE FUNCTION", SqlKind.CREATE_FUNCTION);

  private final RoutineKind routineKind;
  private final SqlIdentifier name;
  private final SqlNodeList parameters;
  private final SqlDataTypeSpec returnTypeSpec;
  private final RoutineType returnType;
  private final SqlNodeList resultColumns;
  private final SqlDataAccess sqlDataAccess;
  private final SqlCharStringLiteral exportName;
  private final boolean deterministic;
  private final SqlCharStringLiteral comment;
  private final SqlNodeList options;
  private final RoutineBody body;

  /**
   * Creates the statement.
   *
   * @param parameters {@link SqlRoutineParameter}s
   * @param returnTypeSpec the type of RETURNS type, or null for a routine that returns a table
   *     or nothing
   * @param resultColumns the columns of RETURNS TABLE, as named {@link SqlRoutineParameter}s;
   *     empty for a routine that returns a value or nothing
   * @param exportName the EXPORT name, or null for the default
   * @param comment the COMMENT, or null if none
   * @param options {@link SqlRoutineOption}s, in the order written
   * @throws IllegalArgumentException if a type is not one a routine can return, if the routine
   *     returns both a value and a table, or if a FUNCTION returns neither
   */
  public SqlCreateRoutine(SqlParserPos pos, RoutineKind routineKind, boolean replace,
      boolean ifNotExists, SqlIdentifier name, SqlNodeList parameters,
      SqlDataTypeSpec returnTypeSpec, SqlNodeList resultColumns, SqlDataAccess sqlDataAccess,
      SqlCharStringLiteral exportName, boolean deterministic, SqlCharStringLiteral comment,
      SqlNodeList options, RoutineBody body) {
    super(routineKind == RoutineKind.PROCEDURE ? CREATE_PROCEDURE : CREATE_FUNCTION, pos,
        replace, ifNotExists);
    this.routineKind = routineKind;
    this.name = Objects.requireNonNull(name, "name");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.returnTypeSpec = returnTypeSpec;
    this.returnType = returnTypeSpec == null ? null : SqlRoutineParameter.typeOf(returnTypeSpec);
    this.resultColumns = Objects.requireNonNull(resultColumns, "resultColumns");
    this.sqlDataAccess = Objects.requireNonNull(sqlDataAccess, "sqlDataAccess");
    if (returnTypeSpec != null && !resultColumns.isEmpty()) {
      throw new IllegalArgumentException(name + " returns a value and a table");
    }
    if (returnTypeSpec == null && resultColumns.isEmpty()
        && routineKind == RoutineKind.FUNCTION) {
      throw new IllegalArgumentException("function " + name + " returns nothing");
    }
    this.exportName = exportName;
    this.deterministic = deterministic;
    this.comment = comment;
    this.options = Objects.requireNonNull(options, "options");
    this.body = Objects.requireNonNull(body, "body");
  }

  /** Whether this creates a PROCEDURE or a FUNCTION. */
  public RoutineKind routineKind() {
    return routineKind;
  }

  /** The routine's name as the parser cased it: unquoted names are upper case. */
  public String name() {
    return name.getSimple();
  }

  /** The parameters, in order. */
  public List<SqlRoutineParameter> parameters() {
    return parameters.stream().map(SqlRoutineParameter.class::cast).toList();
  }

  /**
   * The type of the one value a call returns, normalized; empty for a routine that returns a
   * table or, a PROCEDURE without RETURNS, nothing.
   */
  public Optional<RoutineType> returnType() {
    return Optional.ofNullable(returnType);
  }

  /** The columns of RETURNS TABLE, in order; empty for a routine that returns no table. */
  public List<RoutineDefinition.Column> resultColumns() {
    return resultColumns.stream().map(SqlRoutineParameter.class::cast)
        .map(c -> new RoutineDefinition.Column(c.name().orElseThrow(), c.type()))
        .toList();
  }

  /** The SQL data access clause; NO SQL when none was given. */
  public SqlDataAccess sqlDataAccess() {
    return sqlDataAccess;
  }

  /** The EXPORT name; empty means the export named like the routine, ignoring case. */
  public Optional<String> exportName() {
    return Optional.ofNullable(exportName).map(e -> e.getValueAs(String.class));
  }

  /** Whether DETERMINISTIC was given; NOT DETERMINISTIC is the default. */
  public boolean isDeterministic() {
    return deterministic;
  }

  /** The COMMENT, if any. */
  public Optional<String> comment() {
    return Optional.ofNullable(comment).map(c -> c.getValueAs(String.class));
  }

  /** The WITH entries in the order written, unchecked. */
  public List<SqlRoutineOption> options() {
    return options.stream().map(SqlRoutineOption.class::cast).toList();
  }

  /** Where the module comes from. */
  public RoutineBody body() {
    return body;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, parameters, returnTypeSpec, resultColumns,
        SqlLiteral.createSymbol(sqlDataAccess, SqlParserPos.ZERO), exportName,
        SqlLiteral.createBoolean(deterministic, SqlParserPos.ZERO), comment, options,
        bodyLiteral(), SqlLiteral.createBoolean(getReplace(), SqlParserPos.ZERO),
        SqlLiteral.createBoolean(ifNotExists, SqlParserPos.ZERO));
  }

  /** Also compares the body's form, which the operands leave out: AS '...' or FROM FILE. */
  @Override
  public boolean equalsDeep(SqlNode node, Litmus litmus) {
    if (!super.equalsDeep(node, litmus)) {
      return false;
    }
    return node instanceof SqlCreateRoutine that && body.equals(that.body)
        || litmus.fail("{} != {}", this, node);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CREATE");
    if (getReplace()) {
      writer.keyword("OR REPLACE");
    }
    writer.keyword(routineKind.name());
    if (ifNotExists) {
      writer.keyword("IF NOT EXISTS");
    }
    name.unparse(writer, 0, 0);
    unparseList(writer, parameters);
    if (returnTypeSpec != null) {
      writer.keyword("RETURNS");
      returnTypeSpec.unparse(writer, 0, 0);
    } else if (!resultColumns.isEmpty()) {
      writer.keyword("RETURNS TABLE");
      unparseList(writer, resultColumns);
    }
    writer.keyword("LANGUAGE WASM");
    writer.keyword(sqlDataAccess.sql());
    if (exportName != null) {
      writer.keyword("EXPORT");
      exportName.unparse(writer, 0, 0);
    }
    writer.keyword(deterministic ? "DETERMINISTIC" : "NOT DETERMINISTIC");
    writer.keyword("RETURNS NULL ON NULL INPUT");
    if (comment != null) {
      writer.keyword("COMMENT");
      comment.unparse(writer, 0, 0);
    }
    if (!options.isEmpty()) {
      writer.keyword("WITH");
      unparseList(writer, options);
    }
    writer.keyword(body instanceof RoutineBody.File ? "FROM FILE" : "AS");
    bodyLiteral().unparse(writer, 0, 0);
  }

  private static void unparseList(SqlWriter writer, SqlNodeList list) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode node : list) {
      writer.sep(",");
      node.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  private SqlLiteral bodyLiteral() {
    if (body instanceof RoutineBody.Binary binary) {
      return SqlLiteral.createBinaryString(binary.bytes(), SqlParserPos.ZERO);
    }
    String text = body instanceof RoutineBody.Text t ? t.text() : ((RoutineBody.File) body).path();
    return SqlLiteral.createCharString(text, SqlParserPos.ZERO);
  }
}
