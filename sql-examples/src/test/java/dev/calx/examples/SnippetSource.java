package dev.calx.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tested file that documentation snippets may be copied from, and the test for "this snippet
 * appears in it verbatim": the snippet's lines, in order, on consecutive lines of the file, each
 * possibly behind the same indentation or comment leader (so a snippet may also come from a
 * comment such as {@code //! CREATE FUNCTION ...}).
 */
final class SnippetSource {
  /** What may stand before every line of a snippet: indentation and one comment marker. */
  private static final Pattern LEADER = Pattern.compile("\\s*(//!|//|\\*|;;|--|#)?\\s*");

  private final Path path;
  private final List<String> lines;

  private SnippetSource(Path path, List<String> lines) {
    this.path = path;
    this.lines = lines;
  }

  /** Reads a file. */
  static SnippetSource read(Path path) {
    try {
      return new SnippetSource(path, Files.readString(path, StandardCharsets.UTF_8).lines()
          .map(String::stripTrailing).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path() {
    return path;
  }

  /** Whether {@code snippet} (at least one non-blank line) occurs in this file. */
  boolean contains(List<String> snippet) {
    List<String> wanted = snippet.stream().map(String::stripTrailing).toList();
    for (int i = 0; i + wanted.size() <= lines.size(); i++) {
      if (matchesAt(i, wanted)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesAt(int start, List<String> wanted) {
    String first = lines.get(start);
    if (!first.endsWith(wanted.get(0))) {
      return false;
    }
    String leader = first.substring(0, first.length() - wanted.get(0).length());
    if (!LEADER.matcher(leader).matches()) {
      return false;
    }
    for (int k = 1; k < wanted.size(); k++) {
      String expected = wanted.get(k).isEmpty() ? leader.stripTrailing() : leader + wanted.get(k);
      if (!lines.get(start + k).equals(expected)) {
        return false;
      }
    }
    return true;
  }
}
