package dev.calx.sql.schema;

import dev.calx.jdbc.CalxDatabaseMetaData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.calcite.schema.Schema;

/**
 * The embedded database's pool as Calcite's {@code JdbcSchema} reads its tables' metadata, mended
 * in two places. H2 types a table {@code BASE TABLE} (SQL's name), which {@code JdbcSchema} does
 * not know, so it would type every table {@code OTHER}, hide it from {@code getTables(...,
 * {"TABLE"})}, and log "Unknown table type" at each lookup: here {@code getTables} says {@code
 * TABLE} instead, JDBC's name. And {@code JdbcSchema} asks for a table's columns with the table's
 * name as a LIKE pattern, so {@code A_B} would get the columns of {@code AXB} too: here the name
 * is escaped, so it matches itself only. Every other call goes to H2 unchanged.
 */
final class H2MetaData {
  /** H2's name of an ordinary table. */
  private static final String BASE_TABLE = "BASE TABLE";
  /** The column of {@code getTables} that holds the type, as JDBC numbers it. */
  private static final int TABLE_TYPE = 4;

  private H2MetaData() {}

  /** {@code pool}, whose connections' metadata names table types as JDBC does. */
  static DataSource over(DataSource pool) {
    return proxy(DataSource.class, (method, args) -> method.getName().equals("getConnection")
        ? connection((Connection) invoke(pool, method, args)) : invoke(pool, method, args));
  }

  private static Connection connection(Connection target) {
    return proxy(Connection.class, (method, args) -> method.getName().equals("getMetaData")
        ? metaData((DatabaseMetaData) invoke(target, method, args)) : invoke(target, method, args));
  }

  private static DatabaseMetaData metaData(DatabaseMetaData target) {
    return proxy(DatabaseMetaData.class, (method, args) -> switch (method.getName()) {
      case "getTables" -> renamed((ResultSet) invoke(target, method, args));
      case "getColumns" -> {
        Object[] exact = args.clone();
        exact[2] = exact[2] == null ? null
            : CalxDatabaseMetaData.exactPattern((String) exact[2],
                target.getSearchStringEscape());
        yield invoke(target, method, exact);
      }
      default -> invoke(target, method, args);
    });
  }

  /** The rows of {@code tables}, read at once, with {@code BASE TABLE} renamed. */
  private static ResultSet renamed(ResultSet tables) throws SQLException {
    return CopiedRows.of(tables, rows -> rows.forEach(row -> {
      if (BASE_TABLE.equals(row[TABLE_TYPE - 1])) {
        row[TABLE_TYPE - 1] = Schema.TableType.TABLE.jdbcName;
      }
    }));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(Proxy.newProxyInstance(H2MetaData.class.getClassLoader(),
        new Class<?>[] {type}, (self, method, args) -> call.invoke(method, args)));
  }

  /** What a proxy does with one call. */
  @FunctionalInterface
  private interface Call {
    Object invoke(Method method, Object[] args) throws Throwable;
  }
}
