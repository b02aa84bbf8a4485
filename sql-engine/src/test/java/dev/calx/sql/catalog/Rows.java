package dev.calx.sql.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Result sets as the catalog tests compare them: one string per row, values joined by |. */
final class Rows {
  private Rows() {}

  /**
   * Every row of {@code rs}, which it closes.
   *
   * @param columns the labels of the columns to show, in order; none for every column
   */
  static List<String> of(ResultSet rs, String... columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      int count = columns.length > 0 ? columns.length : rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          values.add(String.valueOf(columns.length > 0 ? rs.getObject(columns[i])
              : rs.getObject(i + 1)));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }
}
