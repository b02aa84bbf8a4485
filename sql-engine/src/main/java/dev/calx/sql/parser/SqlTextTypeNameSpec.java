package dev.calx.sql.parser;

import org.apache.calcite.sql.SqlAlienSystemTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The type name {@code TEXT}: an unbounded {@code VARCHAR} that keeps its spelling.
 *
 * <p>Calcite has no TEXT; mapping it to VARCHAR at parse time would lose the name users wrote,
 * which DDL echoes back (the catalog shows the statement that recreates a routine).
 */
public final class SqlTextTypeNameSpec extends SqlAlienSystemTypeNameSpec {
  /** Creates the type name {@code TEXT} found at {@code pos}. */
  public SqlTextTypeNameSpec(SqlParserPos pos) {
    super("TEXT", SqlTypeName.VARCHAR, pos);
  }
}
