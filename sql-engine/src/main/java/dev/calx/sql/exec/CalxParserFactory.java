package dev.calx.sql.exec;

import dev.calx.sql.parser.impl.CalxSqlParserImpl;
import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/** Calx's generated parser, paired with the executor of its DDL. */
public final class CalxParserFactory implements SqlParserImplFactory {
  /** The value of Calcite's {@code parserFactory} connection property points here. */
  public static final CalxParserFactory FACTORY = new CalxParserFactory();

  private CalxParserFactory() {}

  @Override
  public SqlAbstractParserImpl getParser(Reader stream) {
    return CalxSqlParserImpl.FACTORY.getParser(stream);
  }

  @Override
  public DdlExecutor getDdlExecutor() {
    return CalxDdlExecutor.INSTANCE;
  }
}
