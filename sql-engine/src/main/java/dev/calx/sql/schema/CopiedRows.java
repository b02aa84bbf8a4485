package dev.calx.sql.schema;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.h2.tools.SimpleResultSet;

/**
 * A metadata result read at once and handed on changed: its columns as they were, its rows as
 * {@code edit} leaves them. For the few rows of a metadata call only.
 */
final class CopiedRows {
  private CopiedRows() {}

  /** The rows of {@code rows}, which it closes, after {@code edit}. */
  static ResultSet of(ResultSet rows, Consumer<List<Object[]>> edit) throws SQLException {
    try (rows) {
      ResultSetMetaData columns = rows.getMetaData();
      SimpleResultSet copy = new SimpleResultSet();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        copy.addColumn(columns.getColumnLabel(i), columns.getColumnType(i),
            columns.getPrecision(i), columns.getScale(i));
      }
      List<Object[]> read = new ArrayList<>();
      while (rows.next()) {
        Object[] row = new Object[columns.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = rows.getObject(i + 1);
        }
        read.add(row);
      }
      edit.accept(read);
      read.forEach(copy::addRow);
      return copy;
    }
  }
}
