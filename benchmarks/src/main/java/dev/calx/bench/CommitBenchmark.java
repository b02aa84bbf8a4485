package dev.calx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What durable commits cost: single-row auto-commit INSERTs per second into a table on disk,
 * through Calx's embedded driver and into H2 directly, with H2 writing each commit before it
 * returns ({@code WRITE_DELAY=0}, Calx's setting) and with H2's default of writing at most every
 * 500 ms (what Calx did before, which lost acknowledged commits to SIGKILL).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class CommitBenchmark {
  /** {@code calx}: the embedded driver; {@code h2}: H2's own driver on a file of its own. */
  @Param({"calx", "h2"})
  public String target;

  /** H2's WRITE_DELAY in ms: 0 writes every commit before it returns. */
  @Param({"0", "500"})
  public int writeDelayMs;

  private Path data;
  private Connection connection;
  private PreparedStatement insert;
  private long id;

  /** Creates the table and sets the write delay of the database holding it. */
  @Setup(Level.Trial)
  public void open() throws SQLException, IOException {
    data = Files.createTempDirectory("calx-commit-bench");
    String h2Url = "jdbc:h2:file:" + data.resolve("calx") + ";DB_CLOSE_ON_EXIT=FALSE";
    connection = target.equals("calx")
        ? DriverManager.getConnection("jdbc:calx:" + data)
        : DriverManager.getConnection(h2Url, "sa", "");
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v INT)");
    }
    // In one process H2 shares the open database among connections to the same file, so this
    // changes the setting under Calx's own pool too.
    try (Connection h2 = DriverManager.getConnection(h2Url, "sa", "");
        Statement s = h2.createStatement()) {
      s.execute("SET WRITE_DELAY " + writeDelayMs);
    }
    insert = connection.prepareStatement("INSERT INTO t VALUES (?, 1)");
  }

  /** Closes the database and deletes its files. */
  @TearDown(Level.Trial)
  public void close() throws SQLException, IOException {
    connection.close();
    try (var files = Files.walk(data)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One auto-commit INSERT of one row. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public int autoCommitInsert() throws SQLException {
    insert.setLong(1, ++id);
    return insert.executeUpdate();
  }
}
