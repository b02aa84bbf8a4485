package dev.calx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calx through its embedded driver: a WebAssembly function filtering a million rows beside the
 * same function in Java registered with Calcite, a prepared CALL beside a prepared {@code
 * SELECT 1}, and the CREATE of a small module.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqlBenchmark {
  /** Rows in the scanned table. */
  public static final int ROWS = 1_000_000;

  private static final String TWICE_WAT = "(module (func (export \"twice\") (param i32)"
      + " (result i32) local.get 0 i32.const 2 i32.mul))";
  /** The same module, compiled: CREATE with base64 skips the WAT compiler. */
  private static final String TWICE_BASE64 = "AGFzbQEAAAABBgFgAX8BfwMCAQAHCQEFdHdpY2UAAAoJAQcAIABBAmwL";

  private Path data;
  private Connection connection;
  private PreparedStatement countWasm;
  private PreparedStatement countJava;
  private PreparedStatement call;
  private PreparedStatement selectOne;
  private Statement ddl;
  private int argument;

  /** The Java twin of the WebAssembly {@code twice}. */
  public static final class JavaFunctions {
    private JavaFunctions() {}

    /** Twice its argument. */
    public static int twice(int x) {
      return x * 2;
    }
  }

  /** Fills a table in H2 directly, then opens it through Calx. */
  @Setup(Level.Trial)
  public void open() throws SQLException, IOException {
    data = Files.createTempDirectory("calx-bench");
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("calx"), "sa", "");
        Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE NUMS (X INT) AS SELECT X FROM SYSTEM_RANGE(1, " + ROWS + ")");
    }
    connection = DriverManager.getConnection("jdbc:calx:" + data);
    ddl = connection.createStatement();
    ddl.execute("CREATE FUNCTION twice(x INT) RETURNS INT LANGUAGE WASM AS '" + TWICE_WAT + "'");
    connection.unwrap(CalciteConnection.class).getRootSchema().subSchemas().get("PUBLIC")
        .add("JTWICE", ScalarFunctionImpl.create(JavaFunctions.class, "twice"));
    countWasm = connection.prepareStatement(
        "SELECT count(*) FROM nums WHERE twice(x) > " + ROWS);
    countJava = connection.prepareStatement(
        "SELECT count(*) FROM nums WHERE jtwice(x) > " + ROWS);
    call = connection.prepareStatement("CALL twice(?)");
    selectOne = connection.prepareStatement("SELECT 1");
  }

  /** Closes the database and deletes its files. */
  @TearDown(Level.Trial)
  public void close() throws SQLException, IOException {
    connection.close();
    try (var files = Files.walk(data)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A full scan filtered by the WebAssembly function. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanWithWasmFunction() throws SQLException {
    return single(countWasm);
  }

  /** The same scan filtered by the Java function. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanWithJavaFunction() throws SQLException {
    return single(countJava);
  }

  /** A prepared CALL of the WebAssembly function. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long preparedCall() throws SQLException {
    call.setInt(1, argument++ & 0xffff);
    return single(call);
  }

  /** A prepared SELECT 1: the floor under any prepared statement. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long preparedSelectOne() throws SQLException {
    return single(selectOne);
  }

  /** CREATE OR REPLACE of a small module given as base64: validate, compile, store. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public boolean createSmallModule() throws SQLException {
    return ddl.execute("CREATE OR REPLACE FUNCTION other(x INT) RETURNS INT LANGUAGE WASM"
        + " EXPORT 'twice' AS '" + TWICE_BASE64 + "'");
  }
}
