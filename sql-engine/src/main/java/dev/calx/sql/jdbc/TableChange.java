package dev.calx.sql.jdbc;

import dev.calx.sql.SqlStateException;
import dev.calx.sql.Transaction;
import dev.calx.sql.schema.CalxSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Applies the rows of a {@link FunctionDml} query to a table of the embedded database, in one
 * transaction that commits only if every row applied.
 *
 * <p>An UPDATE or DELETE query returns the old rows, not their identity, so the rows are found
 * again by value: the table is scanned under lock with H2's {@code _ROWID_}, and each old row
 * the query returned claims one table row equal to it. Equal rows are interchangeable, so this
 * changes exactly as many rows as the query matched, even where rows repeat.
 */
final class TableChange {
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

  /** Applies {@code rows} to the table; returns the number of rows changed. */
  long apply(ResultSet rows, DataSource database) throws SQLException {
    return Transaction.in(database, c -> kind == Kind.INSERT ? insert(rows, c) : modify(rows, c));
  }

  private long insert(ResultSet rows, Connection c) throws SQLException {
    int width = rows.getMetaData().getColumnCount();
    String target = columns.isEmpty() ? "" : columns.stream().map(TableChange::quote)
        .collect(Collectors.joining(", ", " (", ")"));
    String sql = "INSERT INTO " + table + target + " VALUES ("
        + String.join(", ", Collections.nCopies(width, "?")) + ")";
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      long count = 0;
      while (rows.next()) {
        for (int i = 1; i <= width; i++) {
          insert.setObject(i, rows.getObject(i));
        }
        insert.addBatch();
        if (++count % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      return count;
    }
  }

  private long modify(ResultSet rows, Connection c) throws SQLException {
    int width = rows.getMetaData().getColumnCount() - columns.size();
    Map<List<Object>, Deque<Object[]>> claims = new HashMap<>();
    while (rows.next()) {
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = rows.getObject(width + i + 1);
      }
      claims.computeIfAbsent(key(rows, 1, width), k -> new ArrayDeque<>()).add(values);
    }
    if (claims.isEmpty()) {
      return 0;
    }
    try (PreparedStatement scan = c.prepareStatement(
            "SELECT _ROWID_, * FROM " + table + " FOR UPDATE");
        PreparedStatement change = c.prepareStatement(changeSql());
        ResultSet current = scan.executeQuery()) {
      long count = 0;
      while (current.next()) {
        Deque<Object[]> claim = claims.get(key(current, 2, width));
        if (claim == null || claim.isEmpty()) {
          continue;
        }
        Object[] values = claim.poll();
        for (int i = 0; i < values.length; i++) {
          change.setObject(i + 1, values[i]);
        }
        change.setObject(values.length + 1, current.getObject(1));
        change.addBatch();
        if (++count % BATCH == 0) {
          change.executeBatch();
        }
      }
      change.executeBatch();
      return count;
    }
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
  private static List<Object> key(ResultSet rs, int from, int width) throws SQLException {
    List<Object> key = new ArrayList<>(width);
    for (int i = from; i < from + width; i++) {
      key.add(normal(rs.getObject(i)));
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
