package dev.calx.sql.jdbc;

import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * A statement's text as the JDBC layer sees it before Calcite does: its first keyword, found past
 * blanks and comments without parsing, and its parse when the keyword says it is worth one.
 */
final class StatementText {
  private StatementText() {}

  /** A pattern matching statements whose first keyword is one of {@code keywords}. */
  static Pattern startingWith(String... keywords) {
    return Pattern.compile("\\A(?:\\s+|--[^\\n]*(?:\\n|\\z)|/\\*.*?\\*/)*(?:"
        + String.join("|", keywords) + ")\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  /** The statement parsed with Calx's grammar, or null if it does not parse. */
  static SqlNode parse(String sql) {
    try {
      return SqlParser.create(sql, SqlParser.config().withParserFactory(CalxSqlParserImpl.FACTORY))
          .parseStmt();
    } catch (SqlParseException e) {
      return null; // Calcite reports the error itself, against the text the user wrote
    }
  }
}
