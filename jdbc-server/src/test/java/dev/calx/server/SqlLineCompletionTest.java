package dev.calx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.Parser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import sqlline.DispatchCallback;
import sqlline.SqlLine;

/**
 * sqlline completes table and column names of a Calx database: its completer, built as the
 * interactive shell builds it, lists the tables {@code getTables(..., {"TABLE"})} returns and
 * their columns.
 */
class SqlLineCompletionTest {
  @Test
  void completesTableAndColumnNames() throws Exception {
    String url = "jdbc:calx:mem:" + UUID.randomUUID();
    // The database outlives sqlline's connection only while another one holds it open.
    try (Connection keep = DriverManager.getConnection(url);
        Statement s = keep.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40))");
      SqlLine sqlLine = new SqlLine();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      sqlLine.setOutputStream(out);
      sqlLine.setErrorStream(out);
      // Completion of names needs the metadata sqlline reads when fastConnect is off.
      sqlLine.runCommands(List.of("!set fastConnect false",
          "!connect " + url + " \"\" \"\""), new DispatchCallback());
      LineReader reader = consoleReader(sqlLine);

      assertTrue(complete(reader, "SELECT * FROM ORD").contains("ORDERS"), out.toString());
      List<String> columns = complete(reader, "SELECT * FROM orders WHERE ORDERS.");
      assertEquals(List.of("ORDERS.CUSTOMER", "ORDERS.ID"),
          columns.stream().filter(c -> c.startsWith("ORDERS.")).sorted().toList(),
          columns::toString);
      sqlLine.runCommands(List.of("!quit"), new DispatchCallback());
    }
  }

  /** The line reader of an interactive sqlline, on a terminal that needs none. */
  private static LineReader consoleReader(SqlLine sqlLine) throws IOException {
    String dumb = System.setProperty(TerminalBuilder.PROP_DUMB, "true");
    try {
      return sqlLine.getConsoleReader(null, new DefaultHistory());
    } finally {
      if (dumb == null) {
        System.clearProperty(TerminalBuilder.PROP_DUMB);
      } else {
        System.setProperty(TerminalBuilder.PROP_DUMB, dumb);
      }
    }
  }

  /** What Tab offers after {@code line}: the candidates that start with its last word. */
  private static List<String> complete(LineReader reader, String line) {
    List<Candidate> candidates = new ArrayList<>();
    ((LineReaderImpl) reader).getCompleter().complete(reader,
        reader.getParser().parse(line, line.length(), Parser.ParseContext.COMPLETE), candidates);
    String word = line.substring(line.lastIndexOf(' ') + 1);
    return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(word)).toList();
  }
}
