package dev.calx.sql.exec;

import dev.calx.sql.EngineSettings;
import dev.calx.sql.SqlStateException;
import dev.calx.sql.ddl.RoutineBody;
import dev.calx.wasm.GuestModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the module a CREATE statement names: inline text, inline bytes, or a file, which is
 * WebAssembly text if its name ends in {@code .wat} and a binary module otherwise. Each is
 * measured against {@link EngineSettings#maxModuleBytes()} before it is decoded, read or
 * compiled, so an oversized module costs neither the WAT compiler nor the parser any memory.
 */
final class ModuleSources {
  private ModuleSources() {}

  /**
   * The module of a routine.
   *
   * @param routine the routine's name, for messages
   */
  static GuestModule load(String routine, RoutineBody body, EngineSettings settings) {
    if (body instanceof RoutineBody.Text text) {
      if (text.isWat()) {
        checkSize(text.text().length(), routine + ": the WAT text has", "characters", settings);
      } else {
        checkSize(base64Bytes(text.text()), routine + ": the module has", "bytes", settings);
      }
      return GuestModule.fromSqlText(text.text());
    }
    if (body instanceof RoutineBody.Binary binary) {
      checkSize(binary.bytes().length, routine + ": the module has", "bytes", settings);
      return GuestModule.fromBytes(binary.bytes());
    }
    String path = ((RoutineBody.File) body).path();
    byte[] bytes = read(routine, path, settings);
    return path.endsWith(".wat")
        ? GuestModule.fromWat(new String(bytes, StandardCharsets.UTF_8))
        : GuestModule.fromBytes(bytes);
  }

  /** Refuses a module (or WAT text) larger than the setting allows, with 54000. */
  private static void checkSize(long size, String what, String unit, EngineSettings settings) {
    if (size > settings.maxModuleBytes()) {
      throw new SqlStateException(SqlStateException.PROGRAM_LIMIT_EXCEEDED, what + " " + size
          + " " + unit + ", more than the " + settings.maxModuleBytes() + " this server accepts"
          + " (its max module size)");
    }
  }

  /** The length base64 text decodes to, counted without decoding it; line breaks do not count. */
  private static long base64Bytes(String text) {
    long digits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '=') {
        digits++;
      }
    }
    return digits * 3 / 4;
  }

  /**
   * The bytes of a file below the module directory. The path must be relative, must not climb
   * out with {@code ..}, and must still be inside the directory once links are followed.
   */
  private static byte[] read(String routine, String path, EngineSettings settings) {
    Path relative = Path.of(path);
    boolean climbs = false;
    for (Path segment : relative) {
      climbs |= segment.toString().equals("..");
    }
    if (relative.isAbsolute() || climbs) {
      throw new SqlStateException(SqlStateException.INSUFFICIENT_PRIVILEGE, "FROM FILE '" + path
          + "' is refused: give a path relative to the module directory, without '..'");
    }
    try {
      Path root = settings.moduleDirectory().toRealPath();
      Path file = root.resolve(relative).toRealPath();
      if (!file.startsWith(root)) {
        throw new SqlStateException(SqlStateException.INSUFFICIENT_PRIVILEGE, "FROM FILE '"
            + path + "' is refused: it leads out of the module directory");
      }
      // A FIFO or device would block or never end: only plain files.
      if (!Files.isRegularFile(file)) {
        throw new SqlStateException(SqlStateException.INSUFFICIENT_PRIVILEGE, "FROM FILE '"
            + path + "' is refused: it is not a regular file");
      }
      checkSize(Files.size(file), routine + ": FROM FILE '" + path + "' has", "bytes",
          settings);
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SqlStateException(SqlStateException.IO_ERROR, "FROM FILE '" + path
          + "' cannot be read from the module directory " + settings.moduleDirectory() + ": "
          + e, e);
    }
  }
}
