package dev.calx.sql.ddl;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlBinaryStringLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

/**
 * Where a routine's WebAssembly module comes from: the literal after {@code AS}, or the path
 * after {@code FROM FILE}. Nothing here is decoded, read or checked; that is the executor's job.
 */
public sealed interface RoutineBody {

  /**
   * The body written as {@code AS literal}, where the literal may be continued over several
   * quoted fragments (a long base64 or hex module is easier to write that way).
   *
   * @param literal a character or binary string literal, or a chain of fragments of one
   */
  static RoutineBody ofLiteral(SqlNode literal) {
    List<SqlNode> fragments =
        literal instanceof SqlCall chain ? chain.getOperandList() : List.of(literal);
    if (!(fragments.get(0) instanceof SqlBinaryStringLiteral)) {
      return new Text(SqlLiteral.unchain(literal).getValueAs(String.class));
    }
    // Joined by hand: Calcite 1.42's SqlLiteral.unchain garbles chained binary literals.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (SqlNode fragment : fragments) {
      bytes.writeBytes(((SqlLiteral) fragment).getValueAs(byte[].class));
    }
    return new Binary(bytes.toByteArray());
  }

  /**
   * {@code AS '...'}: WAT source or the base64 of a module.
   *
   * @param text the string, quotes removed and continued fragments joined
   */
  record Text(String text) implements RoutineBody {
    /** Checks the text is there. */
    public Text {
      Objects.requireNonNull(text, "text");
    }

    /** Whether the text is WAT rather than base64: SPEC section 2 says WAT starts with '('. */
    public boolean isWat() {
      return text.strip().startsWith("(");
    }
  }

  /**
   * {@code AS X'...'}: the module's bytes.
   *
   * @param bytes the bytes; the record keeps its own copy
   */
  record Binary(byte[] bytes) implements RoutineBody {
    /** Copies the bytes, so the record stays a value. */
    public Binary {
      bytes = bytes.clone();
    }

    /** A copy of the module's bytes. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Binary that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Binary[" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes, 0,
          Math.min(bytes.length, 16)) + (bytes.length > 16 ? "...]" : "]");
    }
  }

  /**
   * {@code FROM FILE '...'}: a path, as written, that the executor resolves below the server's
   * module directory.
   *
   * @param path the path as written
   */
  record File(String path) implements RoutineBody {
    /** Checks the path is there. */
    public File {
      Objects.requireNonNull(path, "path");
    }
  }
}
