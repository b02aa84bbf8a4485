package dev.calx.sql.pipeline;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import java.io.Reader;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.util.SourceStringReader;

/**
 * Parses statement texts with Calx's grammar, re-using one parser per thread: building Calx's
 * generated parser costs about as much as parsing a short statement with it. A parser that
 * failed is dropped rather than re-used, since a parse cut short may leave state behind that
 * re-initialising does not reset.
 */
final class StatementParser {
  private static final ThreadLocal<ReusableParser> PARSERS = new ThreadLocal<>();

  private final SqlParser.Config config;

  /** A parser with the casing and quoting of a Calx connection's configuration. */
  StatementParser(CalciteConnectionConfig connection) {
    this.config = SqlParser.config()
        .withQuotedCasing(connection.quotedCasing())
        .withUnquotedCasing(connection.unquotedCasing())
        .withQuoting(connection.quoting())
        .withConformance(connection.conformance())
        .withCaseSensitive(connection.caseSensitive())
        .withParserFactory(StatementParser::parser);
  }

  /**
   * The statement's tree.
   *
   * @throws SqlStateException with 0A000 for MERGE, which Calcite hands the embedded database
   *     in a form it does not accept
   */
  SqlNode parse(String sql) throws SqlParseException {
    SqlNode node;
    try {
      node = SqlParser.create(sql, config).parseStmt();
    } catch (SqlParseException | RuntimeException | Error e) {
      PARSERS.remove();
      throw e;
    }
    if (node.getKind() == SqlKind.MERGE) {
      throw new SqlStateException("0A000", "MERGE is not supported; use UPDATE and"
          + " INSERT ... SELECT");
    }
    return node;
  }

  private static SqlAbstractParserImpl parser(Reader reader) {
    ReusableParser parser = PARSERS.get();
    if (parser == null) {
      parser = new ReusableParser(reader);
      PARSERS.set(parser);
    } else {
      parser.reset(reader);
    }
    if (reader instanceof SourceStringReader text) {
      parser.setOriginalSql(text.getSourceString());
    }
    return parser;
  }

  /** Calx's parser, re-initialised for each text. */
  private static final class ReusableParser extends CalxSqlParserImpl {
    ReusableParser(Reader reader) {
      super(reader);
    }

    void reset(Reader reader) {
      ReInit(reader);
      nDynamicParams = 0;
    }
  }
}
