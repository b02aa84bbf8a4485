package dev.calx.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The {@link DatabaseMetaData} of both Calx drivers: names the product Calx, states what Calx
 * supports where the wrapped metadata (Avatica's or Calcite's) would not, and answers the
 * routine, primary key and index calls by SQL over the {@code sys} tables on the owning
 * connection, since neither Avatica's protocol nor Calcite's metadata carries them; the table
 * types Calx has; and the default isolation, which Calcite does not know. Everything else goes
 * to the wrapped metadata (getTables too: the embedded driver's orders it as JDBC does).
 * Result sets have the columns, types and order that the {@link DatabaseMetaData} Javadoc
 * gives; name patterns are JDBC's, with {@code \} as escape. The catalog argument is ignored:
 * Calx has one catalog.
 */
public final class CalxDatabaseMetaData implements InvocationHandler {
  /** The schema of user tables and routines. */
  private static final String SCHEMA = "PUBLIC";

  /** A pattern's escape character, as {@link DatabaseMetaData#getSearchStringEscape()} says. */
  private static final String ESCAPE = "\\";

  /** The numeric types of {@link java.sql.Types}, whose precision is in decimal digits. */
  private static final String NUMERIC_TYPES = "(-7, -6, 5, 4, -5, 6, 7, 8, 2, 3)";

  /**
   * A routine's parameter, its return value or a column of the table it returns, as
   * getProcedureColumns / getFunctionColumns.
   */
  private static final String PARAMETER_COLUMNS =
      "CAST(NULL AS VARCHAR) AS %1$s_CAT, CAST('" + SCHEMA + "' AS VARCHAR) AS %1$s_SCHEM,"
      + " PROCEDURE_NAME AS %1$s_NAME, PARAMETER_NAME AS COLUMN_NAME,"
      + " CAST(CASE MODE WHEN 'RETURN' THEN %2$d WHEN 'RESULT' THEN %3$d ELSE %4$d END"
      + " AS SMALLINT) AS COLUMN_TYPE,"
      + " DATA_TYPE, TYPE_NAME, \"PRECISION\", CAST(NULL AS INTEGER) AS \"LENGTH\","
      + " CAST(\"SCALE\" AS SMALLINT) AS \"SCALE\","
      + " CAST(CASE WHEN DATA_TYPE IN " + NUMERIC_TYPES + " THEN 10 END AS SMALLINT) AS RADIX,"
      + " CAST(%5$d AS SMALLINT) AS NULLABLE, CAST(NULL AS VARCHAR) AS REMARKS,";

  private static final String PARAMETER_FILTER = " FROM sys.procedure_parameters"
      + " WHERE CAST(? AS VARCHAR) LIKE CAST(? AS VARCHAR) ESCAPE '" + ESCAPE + "'"
      + " AND PROCEDURE_NAME LIKE CAST(? AS VARCHAR) ESCAPE '" + ESCAPE + "'"
      + " AND PARAMETER_NAME LIKE CAST(? AS VARCHAR) ESCAPE '" + ESCAPE + "'";

  /**
   * JDBC's order of a routine's columns: the return value (position 0), the parameters, then the
   * columns of the table it returns, whose positions count from 1 again.
   */
  private static final String PARAMETER_ORDER = " ORDER BY PROCEDURE_NAME,"
      + " CASE MODE WHEN 'RESULT' THEN 1 ELSE 0 END, \"POSITION\"";

  private static final String ROUTINE_FILTER = " FROM sys.procedures"
      + " WHERE CAST(? AS VARCHAR) LIKE CAST(? AS VARCHAR) ESCAPE '" + ESCAPE + "'"
      + " AND NAME LIKE CAST(? AS VARCHAR) ESCAPE '" + ESCAPE + "'";

  /**
   * The routines a query can call, which getFunctions lists: those that return a value or a
   * table, unless they modify SQL data (such a routine is invoked with CALL only); a PROCEDURE
   * without RETURNS is a procedure only.
   */
  private static final String CALLABLE_IN_QUERIES = "(RETURN_TYPE IS NOT NULL"
      + " OR RESULT_COLUMNS IS NOT NULL) AND SQL_DATA_ACCESS <> 'MODIFIES SQL DATA'";

  private static final String PROCEDURES = "SELECT CAST(NULL AS VARCHAR) AS PROCEDURE_CAT,"
      + " CAST('" + SCHEMA + "' AS VARCHAR) AS PROCEDURE_SCHEM, NAME AS PROCEDURE_NAME,"
      + " CAST(NULL AS VARCHAR) AS RESERVED1, CAST(NULL AS VARCHAR) AS RESERVED2,"
      + " CAST(NULL AS VARCHAR) AS RESERVED3, \"COMMENT\" AS REMARKS,"
      + " CAST(CASE WHEN RETURN_TYPE IS NULL AND RESULT_COLUMNS IS NULL"
      + " THEN " + DatabaseMetaData.procedureNoResult
      + " ELSE " + DatabaseMetaData.procedureReturnsResult + " END AS SMALLINT) AS PROCEDURE_TYPE,"
      + " NAME AS SPECIFIC_NAME" + ROUTINE_FILTER + " ORDER BY NAME";

  private static final String FUNCTIONS = "SELECT CAST(NULL AS VARCHAR) AS FUNCTION_CAT,"
      + " CAST('" + SCHEMA + "' AS VARCHAR) AS FUNCTION_SCHEM, NAME AS FUNCTION_NAME,"
      + " \"COMMENT\" AS REMARKS,"
      + " CAST(CASE WHEN RESULT_COLUMNS IS NULL THEN " + DatabaseMetaData.functionNoTable
      + " ELSE " + DatabaseMetaData.functionReturnsTable + " END AS SMALLINT) AS FUNCTION_TYPE,"
      + " NAME AS SPECIFIC_NAME" + ROUTINE_FILTER + " AND " + CALLABLE_IN_QUERIES
      + " ORDER BY NAME";

  /**
   * A procedure's return value if it has one (ordinal 0, first, {@code procedureColumnReturn},
   * which {@code {? = call ...}} binds as parameter 1), its parameters, and the columns of the
   * table it returns, if it returns one ({@code procedureColumnResult}).
   */
  private static final String PROCEDURE_COLUMNS = "SELECT "
      + String.format(PARAMETER_COLUMNS, "PROCEDURE", DatabaseMetaData.procedureColumnReturn,
          DatabaseMetaData.procedureColumnResult, DatabaseMetaData.procedureColumnIn,
          DatabaseMetaData.procedureNullable)
      + " CAST(NULL AS VARCHAR) AS COLUMN_DEF, CAST(NULL AS INTEGER) AS SQL_DATA_TYPE,"
      + " CAST(NULL AS INTEGER) AS SQL_DATETIME_SUB, CAST(NULL AS INTEGER) AS CHAR_OCTET_LENGTH,"
      + " \"POSITION\" AS ORDINAL_POSITION, CAST('YES' AS VARCHAR) AS IS_NULLABLE,"
      + " PROCEDURE_NAME AS SPECIFIC_NAME" + PARAMETER_FILTER + PARAMETER_ORDER;

  /**
   * The return value (ordinal 0, first), parameters and result columns ({@code
   * functionColumnResult}) of the routines getFunctions lists.
   */
  private static final String FUNCTION_COLUMNS = "SELECT "
      + String.format(PARAMETER_COLUMNS, "FUNCTION", DatabaseMetaData.functionReturn,
          DatabaseMetaData.functionColumnResult, DatabaseMetaData.functionColumnIn,
          DatabaseMetaData.functionNullable)
      + " CAST(NULL AS INTEGER) AS CHAR_OCTET_LENGTH, \"POSITION\" AS ORDINAL_POSITION,"
      + " CAST('YES' AS VARCHAR) AS IS_NULLABLE, PROCEDURE_NAME AS SPECIFIC_NAME"
      + PARAMETER_FILTER + " AND PROCEDURE_NAME IN (SELECT NAME FROM sys.procedures WHERE "
      + CALLABLE_IN_QUERIES + ")" + PARAMETER_ORDER;

  private static final String TABLE_FILTER = " WHERE (CAST(? AS VARCHAR) IS NULL"
      + " OR TABLE_SCHEMA = CAST(? AS VARCHAR)) AND TABLE_NAME = CAST(? AS VARCHAR)";

  private static final String PRIMARY_KEYS = "SELECT CAST(NULL AS VARCHAR) AS TABLE_CAT,"
      + " TABLE_SCHEMA AS TABLE_SCHEM, TABLE_NAME, COLUMN_NAME,"
      + " CAST(KEY_SEQ AS SMALLINT) AS KEY_SEQ, PK_NAME FROM sys.primary_keys" + TABLE_FILTER
      + " ORDER BY COLUMN_NAME";

  private static final String INDEX_INFO = "SELECT CAST(NULL AS VARCHAR) AS TABLE_CAT,"
      + " TABLE_SCHEMA AS TABLE_SCHEM, TABLE_NAME, NON_UNIQUE,"
      + " CAST(NULL AS VARCHAR) AS INDEX_QUALIFIER, INDEX_NAME,"
      + " CAST(" + DatabaseMetaData.tableIndexOther + " AS SMALLINT) AS \"TYPE\","
      + " CAST(ORDINAL_POSITION AS SMALLINT) AS ORDINAL_POSITION, COLUMN_NAME, ASC_OR_DESC,"
      + " CAST(NULL AS BIGINT) AS \"CARDINALITY\", CAST(NULL AS BIGINT) AS \"PAGES\","
      + " CAST(NULL AS VARCHAR) AS FILTER_CONDITION FROM sys.indexes" + TABLE_FILTER
      + " AND (CAST(? AS BOOLEAN) = FALSE OR NON_UNIQUE = FALSE)"
      + " ORDER BY NON_UNIQUE, INDEX_NAME, ORDINAL_POSITION";

  /** The types of the tables Calx has, by name; Calcite's getTableTypes knows no SYSTEM TABLE. */
  private static final String TABLE_TYPES = "SELECT TABLE_TYPE FROM (VALUES"
      + " (CAST('SYSTEM TABLE' AS VARCHAR)), (CAST('TABLE' AS VARCHAR)),"
      + " (CAST('VIEW' AS VARCHAR))) AS t (TABLE_TYPE) ORDER BY TABLE_TYPE";

  private final DatabaseMetaData target;
  private final Connection owner;
  private final String driverName;
  private final String driverVersion;

  private CalxDatabaseMetaData(DatabaseMetaData target, Connection owner, String driverName,
      String driverVersion) {
    this.target = target;
    this.owner = owner;
    this.driverName = driverName;
    this.driverVersion = driverVersion;
  }

  /**
   * The metadata of a Calx connection.
   *
   * @param target the driver's own metadata, which answers what Calx does not change
   * @param owner the connection that {@code getConnection()} returns and the {@code sys}
   *     queries run on
   * @param driverName what {@code getDriverName()} answers
   * @param driverVersion what {@code getDriverVersion()} answers
   */
  public static DatabaseMetaData wrap(DatabaseMetaData target, Connection owner,
      String driverName, String driverVersion) {
    return (DatabaseMetaData) Proxy.newProxyInstance(CalxDatabaseMetaData.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class},
        new CalxDatabaseMetaData(target, owner, driverName, driverVersion));
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getConnection":
        return owner;
      case "getDatabaseProductName":
        return Release.PRODUCT_NAME;
      case "getDatabaseProductVersion":
        return Release.VERSION;
      case "getDatabaseMajorVersion":
        return Release.major(Release.VERSION);
      case "getDatabaseMinorVersion":
        return Release.minor(Release.VERSION);
      case "getDriverName":
        return driverName;
      case "getDriverVersion":
        return driverVersion;
      case "getDriverMajorVersion":
        return Release.major(driverVersion);
      case "getDriverMinorVersion":
        return Release.minor(driverVersion);
      case "getIdentifierQuoteString":
        return "\"";
      case "getSearchStringEscape":
        return ESCAPE;
      // Calx folds unquoted names to upper case and keeps quoted ones as written.
      case "storesUpperCaseIdentifiers":
      case "storesMixedCaseQuotedIdentifiers":
      case "supportsMixedCaseQuotedIdentifiers":
      case "supportsStoredProcedures":
      case "supportsTransactions":
      case "supportsBatchUpdates":
      case "supportsSavepoints":
      case "allProceduresAreCallable":
        return true;
      case "storesLowerCaseIdentifiers":
      case "storesMixedCaseIdentifiers":
      case "supportsMixedCaseIdentifiers":
        return false;
      case "getDefaultTransactionIsolation":
        // A Calx connection starts READ_COMMITTED (docs/sql-reference.md, "Transactions").
        return Connection.TRANSACTION_READ_COMMITTED;
      case "supportsTransactionIsolationLevel":
        // The embedded database's four levels (docs/sql-reference.md, "Transactions").
        return switch ((int) args[0]) {
          case Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
              Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE -> true;
          default -> false;
        };
      case "getTableTypes":
        return query(TABLE_TYPES);
      case "getProcedures":
        return query(PROCEDURES, SCHEMA, all(args[1]), all(args[2]));
      case "getFunctions":
        return query(FUNCTIONS, SCHEMA, all(args[1]), all(args[2]));
      case "getProcedureColumns":
        return query(PROCEDURE_COLUMNS, SCHEMA, all(args[1]), all(args[2]), all(args[3]));
      case "getFunctionColumns":
        return query(FUNCTION_COLUMNS, SCHEMA, all(args[1]), all(args[2]), all(args[3]));
      case "getPrimaryKeys":
        return query(PRIMARY_KEYS, args[1], args[1], args[2]);
      case "getIndexInfo":
        return query(INDEX_INFO, args[1], args[1], args[2], args[3]);
      case "unwrap":
        return ((Class<?>) args[0]).isInstance(self) ? self : target.unwrap((Class<?>) args[0]);
      case "isWrapperFor":
        return ((Class<?>) args[0]).isInstance(self) || target.isWrapperFor((Class<?>) args[0]);
      default:
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> "Calx metadata of " + owner;
          };
        }
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
    }
  }

  /**
   * A JDBC name pattern that matches {@code name} only: its {@code _}, {@code %} and {@code
   * escape} characters escaped with {@code escape}, as {@code getSearchStringEscape} gives it.
   */
  public static String exactPattern(String name, String escape) {
    return name.replace(escape, escape + escape).replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  /** A JDBC name pattern, where null means every name. */
  private static Object all(Object pattern) {
    return pattern == null ? "%" : pattern;
  }

  /** The rows of {@code sql} on the owner; closing them closes the statement. */
  private ResultSet query(String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = owner.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] == null) {
          statement.setNull(i + 1, Types.VARCHAR);
        } else {
          statement.setObject(i + 1, parameters[i]);
        }
      }
      ResultSet rows = statement.executeQuery();
      statement.closeOnCompletion();
      return rows;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }
}
