package dev.calx.examples;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A result set drawn as a text table, one line per row, in the style of sqlline's table output. */
final class ResultTable {
  private final List<String> header;
  private final List<List<String>> rows;

  private ResultTable(List<String> header, List<List<String>> rows) {
    this.header = header;
    this.rows = rows;
  }

  /** Reads every row of {@code rs}; SQL NULL shows as {@code NULL}. */
  static ResultTable read(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> header = new ArrayList<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      header.add(meta.getColumnLabel(c));
    }
    List<List<String>> rows = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int c = 1; c <= header.size(); c++) {
        String value = rs.getString(c);
        row.add(rs.wasNull() ? "NULL" : value);
      }
      rows.add(row);
    }
    return new ResultTable(header, rows);
  }

  /** The table, its border lines, and a row count line. */
  String render() {
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = width(header.get(c));
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    String border = border(widths);
    StringBuilder out = new StringBuilder(border);
    out.append(line(header, widths)).append(border);
    for (List<String> row : rows) {
      out.append(line(row, widths));
    }
    out.append(border);
    out.append(rows.size()).append(rows.size() == 1 ? " row\n" : " rows\n");
    return out.toString();
  }

  private static String border(int[] widths) {
    StringBuilder b = new StringBuilder("+");
    for (int w : widths) {
      b.append("-".repeat(w + 2)).append('+');
    }
    return b.append('\n').toString();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder("|");
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      b.append(' ').append(cell).append(" ".repeat(widths[c] - width(cell))).append(" |");
    }
    return b.append('\n').toString();
  }

  /** Display width in code points, so that accented text lines up. */
  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
