package dev.calx.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed expected output of an example. With {@code -Dcalx.golden.update=true} a check
 * rewrites the file instead of comparing, so that an intended change is one command and a review
 * of the VCS diff.
 */
final class GoldenFile {
  /** The system property that turns checks into rewrites. */
  static final String UPDATE_PROPERTY = "calx.golden.update";

  private final Path path;

  GoldenFile(Path path) {
    this.path = path;
  }

  /** Whether this run rewrites golden files. */
  static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /**
   * Compares {@code actual} with the file (or writes it when updating).
   *
   * @throws AssertionError with a line diff when they differ or the file is missing
   */
  void check(String actual) throws IOException {
    if (updating()) {
      Files.writeString(path, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(path)) {
      throw new AssertionError(path + " does not exist; create it with -D" + UPDATE_PROPERTY
          + "=true and review it. Actual output:\n" + actual);
    }
    String expected = Files.readString(path, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      throw new AssertionError(path + " differs from the actual output (- expected, + actual);"
          + " if the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true:\n"
          + LineDiff.between(expected, actual));
    }
  }
}
