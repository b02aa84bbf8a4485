package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real PostgreSQL attached with {@code --model}, its driver given with {@code --driver} to
 * servers whose class path lacks it: PostgreSQL's lower-case tables and columns are found by
 * Calx's unquoted names, joined with Calx's tables, filtered by WebAssembly functions and changed.
 */
class AttachedPostgresTest {
  @TempDir
  static Path dir;

  private static EmbeddedPostgres postgres;
  private static Path model;
  private static String driverJar;
  /** The test's class path without the PostgreSQL driver. */
  private static String classPath;
  private static final Map<Serialization, ServerProcess> SERVERS =
      new EnumMap<>(Serialization.class);

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
    try (Connection pg = postgres.getPostgresDatabase().getConnection()) {
      execute(pg, "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))",
          "INSERT INTO customers VALUES (1, 'ada'), (2, 'bob'), (3, 'cy')",
          "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, amount INT)",
          "INSERT INTO orders VALUES (10, 1, 5), (11, 1, 12), (12, 2, 20), (13, 3, 7)",
          "CREATE TABLE twins (id INT, \"ID\" INT, \"Note\" VARCHAR(10))",
          "INSERT INTO twins VALUES (1, 2, 'x')");
    }
    model = Files.writeString(dir.resolve("model.json"), "{\"version\": \"1.0\", \"schemas\": ["
        + "{\"name\": \"SALES\", \"type\": \"jdbc\", \"jdbcUrl\": \"jdbc:postgresql://localhost:"
        + postgres.getPort() + "/postgres\", \"jdbcUser\": \"postgres\", \"jdbcPassword\": \"\","
        + " \"jdbcSchema\": \"public\"}]}");
    List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    driverJar = entries.stream()
        .filter(entry -> Path.of(entry).getFileName().toString().matches("postgresql-.*\\.jar"))
        .findFirst().orElseThrow(() -> new AssertionError("no PostgreSQL driver on " + entries));
    classPath = entries.stream().filter(entry -> !entry.equals(driverJar))
        .collect(Collectors.joining(File.pathSeparator));
    for (Serialization serialization : Serialization.values()) {
      String format = serialization.name().toLowerCase(Locale.ROOT);
      SERVERS.put(serialization, ServerProcess.start(classPath, dir.resolve(format + ".log"),
          List.of("--data", "mem:", "--serialization", format, "--model", model.toString(),
              "--driver", driverJar)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      SERVERS.values().forEach(ServerProcess::close);
    } finally {
      postgres.close();
    }
  }

  private static Connection connect(Serialization serialization) throws SQLException {
    return SERVERS.get(serialization).connect();
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void unquotedNamesFindLowerCaseTablesAndColumns(Serialization serialization) throws Exception {
    try (Connection c = connect(serialization)) {
      assertEquals("bob", single(c, "SELECT name FROM sales.customers WHERE id = 2"));
      assertEquals("bob", single(c, "SELECT NAME FROM SALES.CUSTOMERS WHERE ID = 2"));
      assertEquals(List.of("ID | NAME", "1 | ada"),
          rows(c, "SELECT * FROM Sales.Customers WHERE Id = 1"));
      // Quoted, a name means what it says: PostgreSQL's spelling is not Calx's name for it.
      SQLException e = assertThrows(SQLException.class,
          () -> single(c, "SELECT \"id\" FROM sales.customers"));
      assertTrue(e.getMessage().contains("Column 'id' not found"), e.getMessage());
      e = assertThrows(SQLException.class,
          () -> single(c, "SELECT count(*) FROM sales.\"customers\""));
      assertTrue(e.getMessage().contains("Object 'customers' not found"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void namesThatDifferOnlyInCaseKeepTheirSpelling(Serialization serialization)
      throws Exception {
    try (Connection c = connect(serialization)) {
      assertEquals(List.of("id | ID | Note", "1 | 2 | x"),
          rows(c, "SELECT * FROM sales.twins"));
      assertEquals(List.of("id | ID | Note", "1 | 2 | x"),
          rows(c, "SELECT \"id\", \"ID\", \"Note\" FROM sales.twins"));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void joinsWithCalxTablesAndFiltersWithWebAssembly(Serialization serialization)
      throws Exception {
    try (Connection c = connect(serialization)) {
      execute(c, "CREATE TABLE discounts (customer_id INT PRIMARY KEY, pct INT)",
          "INSERT INTO discounts VALUES (1, 10), (3, 30)", Guests.square("sq"));
      assertEquals(List.of("NAME | PCT", "ada | 10", "cy | 30"), rows(c, "SELECT c.name, d.pct"
          + " FROM sales.customers c JOIN discounts d ON d.customer_id = c.id ORDER BY c.name"));
      assertEquals(List.of("ID", "11", "12"),
          rows(c, "SELECT id FROM sales.orders WHERE sq(amount) > 100 ORDER BY id"));
      assertEquals(List.of("NAME | TOTAL", "ada | 12", "bob | 20", "cy | 7"), rows(c,
          "SELECT c.name, sum(o.amount) AS total FROM sales.orders o"
              + " JOIN sales.customers c ON c.id = o.customer_id"
              + " WHERE sq(o.amount) > 30 GROUP BY c.name ORDER BY c.name"));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void writesReachPostgresUnderItsOwnNames(Serialization serialization) throws Exception {
    int id = 100 + serialization.ordinal();
    try (Connection c = connect(serialization); Statement s = c.createStatement();
        Connection pg = postgres.getPostgresDatabase().getConnection()) {
      assertEquals(1, s.executeUpdate("INSERT INTO sales.orders (id, customer_id, amount)"
          + " VALUES (" + id + ", 2, 1)"));
      assertEquals(1, s.executeUpdate("UPDATE sales.orders SET amount = amount + 1"
          + " WHERE id = " + id));
      assertEquals(2, single(pg, "SELECT amount FROM orders WHERE id = " + id));
      assertEquals(1, s.executeUpdate("DELETE FROM sales.orders WHERE id = " + id));
      assertEquals(0L, single(pg, "SELECT count(*) FROM orders WHERE id = " + id));
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void metadataShowsTheNamesQueriesUse(Serialization serialization) throws Exception {
    try (Connection c = connect(serialization);
        ResultSet columns = c.getMetaData().getColumns(null, "SALES", "ORDERS", null)) {
      List<String> names = new ArrayList<>();
      while (columns.next()) {
        names.add(columns.getString("COLUMN_NAME"));
      }
      assertEquals(List.of("ID", "CUSTOMER_ID", "AMOUNT"), names);
    }
  }

  /** Without {@code --driver}, the same server cannot attach PostgreSQL, and says why. */
  @Test
  void withoutTheDriverJarTheServerRefusesToStart() throws Exception {
    Path log = dir.resolve("no-driver.log");
    assertThrows(AssertionError.class, () -> ServerProcess.start(classPath, log,
        List.of("--data", "mem:", "--model", model.toString())).close());
    String message = Files.readString(log);
    assertTrue(message.contains("schema 'SALES': no JDBC driver accepts its jdbcUrl; give the"
        + " driver's jar with --driver"), message);
  }

  /** The column labels, then each row, values separated by " | ". */
  private static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<String> rows = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        labels.add(rs.getMetaData().getColumnLabel(i));
      }
      rows.add(String.join(" | ", labels));
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" | ", values));
      }
      return rows;
    }
  }
}
