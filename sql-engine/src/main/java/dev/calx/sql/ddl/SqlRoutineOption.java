package dev.calx.sql.ddl;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * One {@code key = value} entry of a routine's {@code WITH (...)} clause. The parser accepts any
 * key with a numeric or string value; the executor decides which keys and values are valid.
 */
public final class SqlRoutineOption extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ROUTINE_OPTION", SqlKind.OTHER);

  private final SqlIdentifier key;
  private final SqlLiteral value;

  /** Creates the entry {@code key = value}. */
  public SqlRoutineOption(SqlParserPos pos, SqlIdentifier key, SqlLiteral value) {
    super(pos);
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The key as the parser cased it: unquoted keys are upper case, e.g. {@code TIMEOUT_MS}. */
  public String key() {
    return key.getSimple();
  }

  /** The value: a numeric or character string literal. */
  public SqlLiteral value() {
    return value;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(key, value);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    key.unparse(writer, 0, 0);
    writer.sep("=");
    value.unparse(writer, 0, 0);
  }
}
