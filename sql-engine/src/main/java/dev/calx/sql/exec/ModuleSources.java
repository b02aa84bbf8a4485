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
 * WebAssembly text if its name ends in {@code .wat} and a binary module otherwise.
 */
final class ModuleSources {
  /** The largest module file read; far above any real module, far below the heap. */
  static final long MAX_FILE_BYTES = 64L << 20;

  private ModuleSources() {}

  static GuestModule load(RoutineBody body, EngineSettings settings) {
    if (body instanceof RoutineBody.Text text) {
      return GuestModule.fromSqlText(text.text());
    }
    if (body instanceof RoutineBody.Binary binary) {
      return GuestModule.fromBytes(binary.bytes());
    }
    String path = ((RoutineBody.File) body).path();
    byte[] bytes = read(path, settings);
    return path.endsWith(".wat")
        ? GuestModule.fromWat(new String(bytes, StandardCharsets.UTF_8))
        : GuestModule.fromBytes(bytes);
  }

  /**
   * The bytes of a file below the module directory. The path must be relative, must not climb
   * out with {@code ..}, and must still be inside the directory once links are followed.
   */
  private static byte[] read(String path, EngineSettings settings) {
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
      // A FIFO or device would block or never end: only plain files, of a module's size.
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
        throw new SqlStateException(SqlStateException.INSUFFICIENT_PRIVILEGE, "FROM FILE '"
            + path + "' is refused: it is not a regular file of at most "
            + (MAX_FILE_BYTES >> 20) + " MiB");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SqlStateException(SqlStateException.IO_ERROR, "FROM FILE '" + path
          + "' cannot be read from the module directory " + settings.moduleDirectory() + ": "
          + e, e);
    }
  }
}
