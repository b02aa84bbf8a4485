package dev.calx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Routines that run SQL through the server, with the example modules sql-examples/build.sh
 * builds from source: the C procedure {@code transfer}, the Rust function {@code rate} and the
 * AssemblyScript table function {@code split_words}, over both serializations and both remote
 * drivers; and SIGKILLs of a server process while clients loop on {@code CALL transfer(...)}.
 */
class RoutineSqlServerTest {
  /** The modules the examples' build writes; the server's FROM FILE reads below it. */
  static final Path MODULES = Path.of("..", "sql-examples", "src", "main", "resources", "modules")
      .toAbsolutePath().normalize();
  private static final String TRANSFER = "CREATE PROCEDURE transfer(from_id INT, to_id INT,"
      + " amount BIGINT) LANGUAGE WASM MODIFIES SQL DATA FROM FILE 'c_transfer.wasm'";
  private static final int ACCOUNTS = 10;
  private static final long OPENING_BALANCE = 1_000;
  private static final int KILLS = 3;

  @TempDir
  Path data;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void transferRateAndSplitWordsThroughBothDrivers(Serialization serialization)
      throws Exception {
    try (TestServer server = TestServer.start(serialization, data,
        Map.of(ServerSetting.MODULES, MODULES.toString()))) {
      try (Connection admin = server.connect()) {
        createAccounts(admin);
        TestServer.execute(admin, "CREATE FUNCTION rate(currency VARCHAR) RETURNS DOUBLE"
            + " LANGUAGE WASM READS SQL DATA FROM FILE 'rust_rates.wasm'",
            "CREATE FUNCTION split_words(phrase VARCHAR) RETURNS TABLE (\"position\" INT,"
                + " word VARCHAR) LANGUAGE WASM FROM FILE 'as_words.wasm'",
            "CREATE TABLE rates (currency VARCHAR(3) PRIMARY KEY, rate DOUBLE)",
            "INSERT INTO rates VALUES ('EUR', 1.0), ('USD', 0.5)",
            "CREATE TABLE orders (id INT PRIMARY KEY, amount DOUBLE, currency VARCHAR(3))",
            "INSERT INTO orders VALUES (1, 100, 'EUR'), (2, 100, 'USD'), (3, 300, 'USD')");
      }
      for (String url : List.of(server.url(), server.clientUrl())) {
        try (Connection c = DriverManager.getConnection(url)) {
          checkTransfer(c, url);
          assertEquals(List.of("1", "3"), column(c,
              "SELECT id FROM orders WHERE amount * rate(currency) > 60 ORDER BY id"), url);
          try (PreparedStatement words = c.prepareStatement("SELECT w.word FROM"
              + " TABLE(split_words(?)) AS w JOIN rates r ON r.currency = w.word"
              + " ORDER BY w.\"position\"")) {
            words.setString(1, "pay USD not EUR");
            assertEquals(List.of("USD", "EUR"), column(words.executeQuery()), url);
          }
        }
      }
      try (Connection c = DriverManager.getConnection(server.clientUrl());
          CallableStatement call = c.prepareCall("{call transfer(?, ?, ?)}")) {
        call.setInt(1, 2);
        call.setInt(2, 1);
        call.setLong(3, 1);
        assertEquals(2, call.executeUpdate(), "{call} of a procedure: its update count");
      }
    }
  }

  /** A transfer answers with the rows it changed; one that fails changes nothing. */
  private static void checkTransfer(Connection c, String url) throws SQLException {
    long before = total(c);
    try (Statement s = c.createStatement()) {
      assertEquals(2, s.executeUpdate("CALL transfer(1, 2, 10)"), url);
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeUpdate("CALL transfer(1, 2, 1000000)"));
      assertEquals("45000", e.getSQLState(), url + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("insufficient funds"), e.getMessage());
      e = assertThrows(SQLException.class, () -> s.executeUpdate("CALL transfer(1, 99, 5)"));
      assertEquals("45000", e.getSQLState(), url + ": " + e.getMessage());
      e = assertThrows(SQLException.class,
          () -> column(c, "SELECT transfer(1, 2, 5) FROM accounts"));
      assertEquals("38002", e.getSQLState(), url + ": " + e.getMessage());
    }
    assertEquals(before, total(c), "money is neither made nor lost");
  }

  @Test
  void sigkillDuringTransfersKeepsTheTotal() throws Exception {
    Path log = data.resolve("server.log");
    Path store = data.resolve("data");
    List<String> settings = List.of("--data", store.toString(), "--modules", MODULES.toString());
    Random random = new Random();
    AtomicLong calls = new AtomicLong();
    for (int round = 0; round <= KILLS; round++) {
      try (ServerProcess server = ServerProcess.start(System.getProperty("java.class.path"), log,
          settings)) {
        try (Connection c = server.connect()) {
          if (round == 0) {
            createAccounts(c);
          }
          assertEquals(ACCOUNTS * OPENING_BALANCE, total(c), "after " + round + " kills");
          assertEquals(List.of(), column(c, "SELECT id FROM accounts WHERE balance < 0"));
        }
        if (round < KILLS) {
          List<Thread> clients = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            Thread client = new Thread(() -> transferUntilKilled(server, calls));
            client.start();
            clients.add(client);
          }
          long before = calls.get();
          awaitCalls(calls, before);
          Thread.sleep(1000 + random.nextInt(2000));
          server.kill();
          for (Thread client : clients) {
            client.join();
          }
        }
      }
    }
    assertTrue(calls.get() > KILLS, "the clients made calls: " + calls.get());
    System.out.printf("RoutineSqlServerTest: %d kills during %d acknowledged CALL transfer,"
        + " the total unchanged after each%n", KILLS, calls.get());
  }

  private static void awaitCalls(AtomicLong calls, long before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (calls.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Random transfers, some of them failing for want of funds, until the server dies. */
  private static void transferUntilKilled(ServerProcess server, AtomicLong calls) {
    Random random = new Random();
    try (Connection c = server.connect();
        PreparedStatement call = c.prepareStatement("CALL transfer(?, ?, ?)")) {
      while (true) {
        call.setInt(1, 1 + random.nextInt(ACCOUNTS));
        call.setInt(2, 1 + random.nextInt(ACCOUNTS));
        call.setLong(3, 1 + random.nextInt(400));
        try {
          call.executeUpdate();
        } catch (SQLException e) {
          if (!"45000".equals(e.getSQLState()) && !"40001".equals(e.getSQLState())
              && !"HYT00".equals(e.getSQLState())) {
            throw e;
          }
        }
        calls.incrementAndGet();
      }
    } catch (SQLException | RuntimeException e) {
      // the server was killed
    }
  }

  private static void createAccounts(Connection c) throws SQLException {
    TestServer.execute(c, "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40),"
        + " balance BIGINT NOT NULL)", TRANSFER);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
      for (int id = 1; id <= ACCOUNTS; id++) {
        insert.setInt(1, id);
        insert.setString(2, "owner " + id);
        insert.setLong(3, OPENING_BALANCE);
        insert.executeUpdate();
      }
    }
  }

  private static long total(Connection c) throws SQLException {
    return Long.parseLong(column(c, "SELECT SUM(balance) FROM accounts").get(0));
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return column(s.executeQuery(sql));
    }
  }

  private static List<String> column(ResultSet rs) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
