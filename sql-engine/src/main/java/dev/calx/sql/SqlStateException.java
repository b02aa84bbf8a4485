package dev.calx.sql;

/**
 * A failure of the SQL engine that carries the SQLSTATE a client should see; thrown from deep
 * inside Calcite's planning or execution and turned into a {@link java.sql.SQLException} at the
 * JDBC boundary.
 */
public class SqlStateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Name already exists. */
  public static final String DUPLICATE_OBJECT = "42710";
  /** A function of that name already exists: a built-in one. */
  public static final String DUPLICATE_FUNCTION = "42723";
  /** Name does not exist. */
  public static final String UNDEFINED_OBJECT = "42704";
  /** Not allowed. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** A bad value for an option. */
  public static final String INVALID_PARAMETER_VALUE = "22023";
  /** Larger than a limit of the server allows. */
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
  /** A routine tried to write without MODIFIES SQL DATA, or one that may is used in a query. */
  public static final String MODIFYING_SQL_DATA_NOT_PERMITTED = "38002";
  /** A routine tried DDL, COMMIT, ROLLBACK or other transaction control. */
  public static final String PROHIBITED_STATEMENT = "38003";
  /** A routine that returns nothing or a table, used where an expression's value is needed. */
  public static final String WRONG_OBJECT_TYPE = "42809";
  /** A file could not be read. */
  public static final String IO_ERROR = "58030";

  private final String sqlState;

  /** Creates an exception with a SQLSTATE and a message for the user. */
  public SqlStateException(String sqlState, String message) {
    this(sqlState, message, null);
  }

  /** Creates an exception with a SQLSTATE, a message for the user and its cause. */
  public SqlStateException(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE of this failure. */
  public String sqlState() {
    return sqlState;
  }
}
