package dev.calx.sql.dml;

import dev.calx.sql.ConnectionTransaction;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.schema.CalxSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Applies the rows of a {@link FunctionDml} query to a table of the embedded database, atomically
 * within the connection's transaction: every row applies or none does.
 *
 * <p>An UPDATE or DELETE query returns the old rows, not their identity, so the rows are found
 * again by value: the table is scanned under lock with H2's {@code _ROWID_}, and each old row
 * the query returned claims one table row equal to it. Equal rows are interchangeable, so this
 * changes exactly as many rows as the query matched, even where rows repeat.
 */
public final class TableChange {
  private static final int BATCH = 1_000;

  private enum Kind { INSERT, UPDATE, DELETE }

  private final Kind kind;
  private final String table;
  private final List<String> columns;

  private TableChange(Kind kind, List<String> table, List<String> columns) {
    if (table.size() > 2 || table.size() == 2 && !table.get(0).equals(CalxSchema.NAME)) {
      throw new SqlStateException("0A000", "only tables of schema " + CalxSchema.NAME
          + " can be modified with WebAssembly functions, not " + String.join(".", table));
    }
    this.kind = kind;
    this.table = quote(CalxSchema.NAME) + "." + quote(table.get(table.size() - 1));
    this.columns = columns;
  }

  static TableChange insert(List<String> table, List<String> columns) {
    return new TableChange(Kind.INSERT, table, columns);
  }

  static TableChange update(List<String> table, List<String> columns) {
    return new TableChange(Kind.UPDATE, table, columns);
  }

  static TableChange delete(List<String> table) {
    return new TableChange(Kind.DELETE, table, List.of());
  }

  /**
   * The rows of a {@link FunctionDml} query, read to the end, so that the query's connection to
   * the database is released before {@link #apply} takes one to write: holding both at once would
   * let concurrent statements exhaust the pool waiting for each other. Values are turned from
   * Calcite's internal form (a DATE as days since 1970, a binary string as a {@link ByteString})
   * into what JDBC hands the embedded database.
   *
   * @param types the query's column types
   */
  public static List<Object[]> read(Enumerable<?> rows, List<SqlTypeName> types) {
    List<Object[]> read = new ArrayList<>();
    try (Enumerator<?> cursor = rows.enumerator()) {
      while (cursor.moveNext()) {
        Object current = cursor.current();
        Object[] row = current instanceof Object[] array ? array.clone() : new Object[] {current};
        for (int i = 0; i < row.length; i++) {
          row[i] = jdbcValue(row[i], types.get(i));
        }
        read.add(row);
      }
    }
    return read;
  }

  private static Object jdbcValue(Object value, SqlTypeName type) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case DATE -> SqlFunctions.internalToDate((Integer) value);
      case TIME -> SqlFunctions.internalToTime((Integer) value);
      case TIMESTAMP -> SqlFunctions.internalToTimestamp((Long) value);
      default -> value instanceof ByteString bytes ? bytes.getBytes() : value;
    };
  }

  /**
   * Applies rows {@link #read} from the query to the table; returns the number of rows changed.
   *
   * @throws SqlStateException with 40001 if rows the query matched are gone from the table
   */
  public long apply(List<Object[]> rows, ConnectionTransaction transaction) throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    return transaction.atomically(c -> kind == Kind.INSERT ? insert(rows, c) : modify(rows, c));
  }

  private long insert(List<Object[]> rows, Connection c) throws SQLException {
    int width = rows.get(0).length;
    String target = columns.isEmpty() ? "" : columns.stream().map(TableChange::quote)
        .collect(Collectors.joining(", ", " (", ")"));
    String sql = "INSERT INTO " + table + target + " VALUES ("
        + String.join(", ", Collections.nCopies(width, "?")) + ")";
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      return batch(insert, rows);
    }
  }

  private long modify(List<Object[]> rows, Connection c) throws SQLException {
    int width = rows.get(0).length - columns.size();
    Map<List<Object>, Deque<Object[]>> claims = new HashMap<>();
    for (Object[] row : rows) {
      claims.computeIfAbsent(key(row, 0, width), k -> new ArrayDeque<>())
          .add(Arrays.copyOfRange(row, width, row.length));
    }
    List<Object[]> changes = new ArrayList<>();
    try (PreparedStatement scan = c.prepareStatement(
            "SELECT _ROWID_, * FROM " + table + " FOR UPDATE");
        ResultSet current = scan.executeQuery()) {
      while (current.next() && changes.size() < rows.size()) {
        Object[] row = new Object[width + 1];
        for (int i = 0; i <= width; i++) {
          row[i] = current.getObject(i + 1);
        }
        Deque<Object[]> claim = claims.get(key(row, 1, width));
        if (claim != null && !claim.isEmpty()) {
          Object[] values = Arrays.copyOf(claim.poll(), columns.size() + 1);
          values[columns.size()] = row[0];
          changes.add(values);
        }
      }
    }
    if (changes.size() < rows.size()) {
      throw new SqlStateException("40001", (rows.size() - changes.size()) + " of the "
          + rows.size() + " rows to change were changed or deleted by another statement"
          + " meanwhile; nothing was changed, retry the statement");
    }
    try (PreparedStatement change = c.prepareStatement(changeSql())) {
      return batch(change, changes);
    }
  }

  /** Executes {@code statement} once per row of parameters, in batches. */
  private static long batch(PreparedStatement statement, List<Object[]> rows)
      throws SQLException {
    long count = 0;
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        statement.setObject(i + 1, row[i]);
      }
      statement.addBatch();
      if (++count % BATCH == 0) {
        statement.executeBatch();
      }
    }
    statement.executeBatch();
    return count;
  }

  private String changeSql() {
    if (kind == Kind.DELETE) {
      return "DELETE FROM " + table + " WHERE _ROWID_ = ?";
    }
    return "UPDATE " + table + " SET " + columns.stream().map(c -> quote(c) + " = ?")
        .collect(Collectors.joining(", ")) + " WHERE _ROWID_ = ?";
  }

  /**
   * A row's values in a form equal across drivers: Calcite and H2 disagree on the Java class of
   * some values (a SMALLINT may be a Short or an Integer, a DECIMAL's scale may differ).
   */
  private static List<Object> key(Object[] row, int from, int width) {
    List<Object> key = new ArrayList<>(width);
    for (int i = from; i < from + width; i++) {
      key.add(normal(row[i]));
    }
    return key;
  }

  private static Object normal(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value == null || value instanceof Long || value instanceof Double
        || value instanceof String || value instanceof Boolean) {
      return value;
    }
    return value.toString();
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
