package dev.calx.sql.catalog;

/**
 * What SQL a routine may run, as its CREATE declared it; the default is {@link #NO_SQL}.
 * docs/sql-reference.md lists what each allows.
 */
public enum SqlDataAccess {
  /** No SQL at all: the SQL imports are not granted. */
  NO_SQL("NO SQL"),
  /** Queries only; a write fails the call with 38002. */
  READS_SQL_DATA("READS SQL DATA"),
  /** Queries and INSERT, UPDATE, DELETE; the routine may only be invoked with CALL. */
  MODIFIES_SQL_DATA("MODIFIES SQL DATA");

  private final String sql;

  SqlDataAccess(String sql) {
    this.sql = sql;
  }

  /** The clause as SQL writes it, e.g. {@code READS SQL DATA}. */
  public String sql() {
    return sql;
  }

  /** Whether the routine may run SQL at all. */
  public boolean runsSql() {
    return this != NO_SQL;
  }
}
