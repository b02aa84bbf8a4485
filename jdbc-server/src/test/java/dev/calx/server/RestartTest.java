package dev.calx.server;

import static dev.calx.server.TestServer.execute;
import static dev.calx.server.TestServer.single;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server stopped while clients are connected leaves procedures and tables for the next one. */
class RestartTest {
  @TempDir
  Path data;

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void proceduresAndTablesSurviveARestart(Serialization serialization) throws Exception {
    try (TestServer first = TestServer.start(serialization, data)) {
      Connection open = first.connect();
      execute(open, Guests.add("plus"), Guests.square("sq"), "CREATE TABLE t (x INT, y INT)",
          "INSERT INTO t VALUES (1, 2), (3, 4)", "DROP FUNCTION sq");
      // Left open on purpose: stopping the server closes it.
    }
    try (TestServer second = TestServer.start(serialization, data);
        Connection c = second.connect()) {
      assertEquals(10, single(c, "SELECT sum(plus(x, y)) FROM t"));
      assertEquals(1L, ((Number) single(c, "SELECT count(*) FROM sys.procedures")).longValue());
      execute(c, "INSERT INTO t VALUES (5, 6)");
    }
    try (TestServer third = TestServer.start(serialization, data);
        Connection c = third.connect()) {
      assertEquals(21, single(c, "SELECT sum(plus(x, y)) FROM t"));
    }
  }
}
