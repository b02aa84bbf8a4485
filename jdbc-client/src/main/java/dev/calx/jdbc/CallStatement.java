package dev.calx.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@code CallableStatement} over a prepared CALL: {@code {call routine(?, ...)}} answers with
 * its one-row result set, and in {@code {? = call routine(?, ...)}} the first parameter, which a
 * Calx server lists with the routine's type, receives the routine's value once it is registered
 * with {@code registerOutParameter}. Every other method is the prepared statement's.
 *
 * <p>A routine's value arrives as the one row of the CALL's result: after {@code execute()},
 * {@code executeUpdate()} or {@code executeLargeUpdate()} with the value registered that row is
 * read at once ({@code executeQuery()} hands it to its caller instead), and the k-th registered parameter, in the
 * order of their indexes, reads the row's k-th column through the result set's own getter of the
 * same name, so each {@code getXxx} converts as {@code ResultSet.getXxx} does.
 *
 * <p>By name, ignoring case: the value is {@code RETURN_VALUE} (as {@code
 * DatabaseMetaData.getProcedureColumns} lists it) or the routine's name, the result's column
 * label; an argument is the routine's parameter of that name, found once per statement through
 * {@code getProcedureColumns}, which works when every argument of the call is a {@code ?} in the
 * routine's order, as the {@code {call}} a framework writes for named parameters has them.
 *
 * <p>Not thread-safe, as no JDBC statement is.
 */
public final class CallStatement implements InvocationHandler {
  /** The name {@code DatabaseMetaData.getProcedureColumns} gives a routine's value. */
  public static final String RETURN_VALUE = "RETURN_VALUE";

  private final PreparedStatement prepared;
  private final Connection connection;
  /** Whether the call is {@code {? = call ...}}, whose parameter 1 is the routine's value. */
  private final boolean returnsValue;
  /** The registered OUT parameters, by index, with their SQL types. */
  private final Map<Integer, Integer> outParameters = new TreeMap<>();
  /** Positioned on the row that holds the OUT parameters' values, after an execution. */
  private ResultSet values;
  /** The index of each parameter by upper-case name, once a name is used. */
  private Map<String, Integer> names;

  private CallStatement(PreparedStatement prepared, String sql, Connection connection) {
    this.prepared = prepared;
    this.connection = connection;
    this.returnsValue = returnsValue(sql);
  }

  /**
   * A callable statement over {@code prepared}.
   *
   * @param sql the text {@code prepared} was prepared from
   * @param connection what {@code getConnection()} answers: the application's connection
   */
  public static CallableStatement over(PreparedStatement prepared, String sql,
      Connection connection) {
    return (CallableStatement) Proxy.newProxyInstance(CallStatement.class.getClassLoader(),
        new Class<?>[] {CallableStatement.class}, new CallStatement(prepared, sql, connection));
  }

  /**
   * Whether a text opens with JDBC's {@code {? =}}. The server parses the statement; this
   * tells only how the JDBC caller numbers its parameters, which is the driver's to know (JDBC
   * puts the escape's translation on the driver).
   */
  static boolean returnsValue(String sql) {
    int i = 0;
    for (char expected : new char[] {'{', '?', '='}) {
      i = skipBlanksAndComments(sql, i);
      if (i == sql.length() || sql.charAt(i) != expected) {
        return false;
      }
      i++;
    }
    return true;
  }

  /** The index of the first character at or after {@code i} that is no blank nor comment. */
  private static int skipBlanksAndComments(String sql, int i) {
    while (i < sql.length()) {
      if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }


  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> self == args[0];
        case "hashCode" -> System.identityHashCode(self);
        default -> "CallStatement over " + prepared;
      };
    }
    if (method.getDeclaringClass() == CallableStatement.class) {
      return callable(method, args);
    }
    return switch (name) {
      case "execute" -> args == null ? execute() : delegate(method, args);
      // With the value registered, an update reads it as execute() does; a CALL changes no row.
      case "executeUpdate" -> args == null && !outParameters.isEmpty() && !execute() ? 0
          : delegate(method, args);
      case "executeLargeUpdate" -> args == null && !outParameters.isEmpty() && !execute() ? 0L
          : delegate(method, args);
      case "executeQuery" -> {
        closeValues();
        bindValueSlot();
        yield delegate(method, args);
      }
      case "getResultSet" -> outParameters.isEmpty() ? delegate(method, args) : null;
      case "getUpdateCount" -> outParameters.isEmpty() ? delegate(method, args) : -1;
      // The row of OUT values is no result a caller should move past and close.
      case "getMoreResults" -> outParameters.isEmpty() ? delegate(method, args) : false;
      case "getConnection" -> connection;
      case "close" -> {
        closeValues();
        yield delegate(method, args);
      }
      case "unwrap" -> ((Class<?>) args[0]).isInstance(self) ? self : delegate(method, args);
      case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(self) || (boolean) delegate(method,
          args);
      default -> delegate(method, args);
    };
  }

  private Object callable(Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("registerOutParameter")) {
      register(args);
      return null;
    }
    if (name.equals("wasNull")) {
      return values().wasNull();
    }
    if (name.startsWith("get")) {
      return value(method, args);
    }
    // setXxx(name, ...): the PreparedStatement's setXxx(index, ...).
    Object[] indexed = args.clone();
    indexed[0] = index((String) args[0]);
    Class<?>[] types = method.getParameterTypes().clone();
    types[0] = int.class;
    try {
      return PreparedStatement.class.getMethod(name, types).invoke(prepared, indexed);
    } catch (NoSuchMethodException e) {
      throw new SQLFeatureNotSupportedException("CallableStatement." + name, "0A000", e);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void register(Object[] args) throws SQLException {
    int index = args[0] instanceof Integer i ? i : index((String) args[0]);
    int type = args[1] instanceof SQLType sqlType && sqlType.getVendorTypeNumber() != null
        ? sqlType.getVendorTypeNumber() : args[1] instanceof Integer i ? i : Types.OTHER;
    outParameters.put(index, type);
  }

  /** The index of the parameter a name stands for. */
  private int index(String name) throws SQLException {
    if (names == null) {
      names = parameterNames();
    }
    Integer index = names.get(name.toUpperCase(Locale.ROOT));
    if (index == null) {
      throw new SQLException("the call has no parameter named " + name + "; it has "
          + names.keySet(), "07009");
    }
    return index;
  }

  /**
   * The routine's parameters by name, numbered as the statement's parameters are: the value
   * first if the statement has a parameter for it, then the arguments in order.
   */
  private Map<String, Integer> parameterNames() throws SQLException {
    String routine = prepared.getMetaData().getColumnLabel(1);
    Map<String, Integer> arguments = new TreeMap<>();
    String pattern = CalxDatabaseMetaData.exactPattern(routine,
        connection.getMetaData().getSearchStringEscape());
    try (ResultSet columns =
        connection.getMetaData().getProcedureColumns(null, null, pattern, "%")) {
      while (columns.next()) {
        if (columns.getShort("COLUMN_TYPE") == DatabaseMetaData.procedureColumnIn) {
          arguments.put(columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT),
              columns.getInt("ORDINAL_POSITION"));
        }
      }
    }
    int value = returnsValue ? 1 : 0;
    if (prepared.getParameterMetaData().getParameterCount() != arguments.size() + value) {
      throw new SQLFeatureNotSupportedException("parameters by name need a call whose"
          + " arguments are all ?, in the order of " + routine + "'s parameters; set them by"
          + " index", "0A000");
    }
    Map<String, Integer> names = new TreeMap<>();
    arguments.forEach((name, position) -> names.put(name, position + value));
    if (value == 1) {
      // An argument of the same name keeps its name.
      names.putIfAbsent(RETURN_VALUE, 1);
      names.putIfAbsent(routine.toUpperCase(Locale.ROOT), 1);
    }
    return names;
  }

  private boolean execute() throws Throwable {
    closeValues();
    if (outParameters.isEmpty()) {
      return prepared.execute();
    }
    bindValueSlot();
    prepared.execute();
    ResultSet rows = prepared.getResultSet();
    if (!rows.next()) {
      rows.close();
      throw new SQLException("the call returned no row", "02000");
    }
    values = rows;
    return false;
  }

  /**
   * Binds the registered value's parameter, which the server lists too; nothing reads what is
   * bound to it.
   */
  private void bindValueSlot() throws SQLException {
    if (outParameters.isEmpty()) {
      return;
    }
    if (!returnsValue || !outParameters.keySet().equals(Set.of(1))) {
      throw new SQLException("only parameter 1 of {? = call routine(...)}, the routine's value,"
          + " is an OUT parameter; registered: " + outParameters.keySet(), "07009");
    }
    prepared.setNull(1, outParameters.get(1));
  }

  /** {@code getXxx(index or name, ...)}: the result set's getter of the same name. */
  private Object value(Method method, Object[] args) throws Throwable {
    Object[] resultArgs = args.clone();
    resultArgs[0] = column(args[0]);
    Class<?>[] types = method.getParameterTypes().clone();
    types[0] = int.class;
    Method getter = ResultSet.class.getMethod(method.getName(), types);
    try {
      return getter.invoke(values(), resultArgs);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The column of the row of values that holds an OUT parameter, given by index or name. */
  private int column(Object parameter) throws SQLException {
    if (parameter instanceof Integer index) {
      int column = 1;
      for (int out : outParameters.keySet()) {
        if (out == index) {
          return column;
        }
        column++;
      }
      throw new SQLException("parameter " + index + " is not a registered OUT parameter",
          "07009");
    }
    return column(index((String) parameter));
  }

  private ResultSet values() throws SQLException {
    if (values == null) {
      throw new SQLException("no OUT parameter values: register them, then execute()", "HY010");
    }
    return values;
  }

  private void closeValues() throws SQLException {
    if (values != null) {
      values.close();
      values = null;
    }
  }

  private Object delegate(Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(prepared, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
