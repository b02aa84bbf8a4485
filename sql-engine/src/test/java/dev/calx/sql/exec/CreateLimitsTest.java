package dev.calx.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.calx.sql.jdbc.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CREATE refuses before compiling: modules over the size limit, WAT nested too deep. */
class CreateLimitsTest {
  /**
   * Small, because Calcite parses a long hex literal slowly (18 s for 512 KiB of hex digits);
   * the WAT test needs a larger limit than its 200 KB text.
   */
  private static final int LIMIT = 16 * 1024;
  private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};
  private static final String ADD = "CREATE OR REPLACE FUNCTION add2(a INT, b INT) RETURNS INT"
      + " LANGUAGE WASM AS '(module (func (export \"add2\") (param i32 i32) (result i32)"
      + " (i32.add (local.get 0) (local.get 1))))'";

  @TempDir
  Path modules;
  private Database database;
  private Connection connection;

  private void open(long maxModuleBytes) throws SQLException {
    String name = "mem:create-limits-" + UUID.randomUUID();
    database = Database.open(name, modules, s -> s.withMaxModuleBytes(maxModuleBytes));
    connection = DriverManager.getConnection("jdbc:calx:" + name);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
    database.close();
  }

  /**
   * A valid module of {@code size} bytes: the header and one custom section (id 0) whose length
   * is written as a five-byte LEB128, with an empty name and zeros for content.
   */
  private static byte[] moduleOf(int size) {
    int length = size - HEADER.length - 1 - 5;
    byte[] module = new byte[size];
    System.arraycopy(HEADER, 0, module, 0, HEADER.length);
    for (int i = 0; i < 5; i++) {
      module[HEADER.length + 1 + i] = (byte) ((length >> (7 * i)) & 0x7f | (i < 4 ? 0x80 : 0));
    }
    return module;
  }

  private SQLException refused(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    });
  }

  private void assertStillServes() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(ADD);
      try (ResultSet rs = s.executeQuery("SELECT add2(2, 3)")) {
        rs.next();
        assertEquals(5, rs.getInt(1), "the next CREATE and call work");
      }
    }
  }

  private static String create(String body) {
    return "CREATE FUNCTION big() RETURNS INT LANGUAGE WASM " + body;
  }

  @Test
  void anOversizedModuleIsRefusedWith54000InEveryForm() throws Exception {
    open(LIMIT);
    byte[] big = moduleOf(LIMIT + 1);
    String base64 = Base64.getMimeEncoder().encodeToString(big);
    SQLException e = refused(create("AS '" + base64 + "'"));
    assertEquals("54000", e.getSQLState());
    assertTrue(e.getMessage().contains("BIG: the module has 16385 bytes, more than the 16384 this"
        + " server accepts"), e.getMessage());
    assertEquals("54000", refused(create("AS X'" + HexFormat.of().formatHex(big) + "'"))
        .getSQLState());
    Files.write(modules.resolve("big.wasm"), big);
    SQLException file = refused(create("FROM FILE 'big.wasm'"));
    assertEquals("54000", file.getSQLState());
    assertTrue(file.getMessage().contains("BIG: FROM FILE 'big.wasm' has 16385 bytes"),
        file.getMessage());
    assertStillServes();
  }

  @Test
  void aModuleAtTheLimitIsAcceptedAsFarAsItsSizeGoes() throws Exception {
    open(LIMIT);
    String hex = HexFormat.of().formatHex(moduleOf(LIMIT));
    SQLException e = refused(create("AS X'" + hex + "'"));
    assertEquals("46000", e.getSQLState(), "refused for having no export, not for its size");
  }

  @Test
  void watNestedTenThousandDeepIs46000() throws Exception {
    open(1 << 20);
    String wat = "(module (func (export \"big\") (result i32) "
        + "(block (result i32) ".repeat(10_000) + "i32.const 1" + ")".repeat(10_000) + "))";
    SQLException e = refused(create("AS '" + wat + "'"));
    assertEquals("46000", e.getSQLState());
    assertTrue(e.getMessage().contains("nests 10003 levels deep"), e.getMessage());
    assertStillServes();
  }
}
