package dev.calx.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements the way sqlline does: a statement ends at a semicolon that is
 * outside quotes and comments.
 */
final class SqlScript {
  private SqlScript() {}

  /**
   * The statements of a script, in order. Comments that stand between statements are dropped;
   * comments inside a statement stay part of it. Text after the last semicolon must be blank or
   * comments, since sqlline would not run it either.
   */
  static List<ScriptStatement> statements(String script) {
    List<ScriptStatement> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = 0;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '-' && script.startsWith("--", i)) {
        int end = script.indexOf('\n', i);
        end = end < 0 ? script.length() : end;
        if (startLine > 0) {
          current.append(script, i, end);
        }
        i = end;
        continue;
      }
      if (c == ';') {
        if (startLine > 0) {
          statements.add(new ScriptStatement(startLine, current.toString().strip()));
        }
        current.setLength(0);
        startLine = 0;
        i++;
        continue;
      }
      if (c == '\n') {
        line++;
      }
      if (startLine == 0 && !Character.isWhitespace(c)) {
        startLine = line;
      }
      if (c == '\'' || c == '"') {
        int end = closingQuote(script, i, c);
        if (end < 0) {
          throw new IllegalArgumentException("line " + line + ": unterminated " + c + " quote");
        }
        String quoted = script.substring(i, end + 1);
        line += (int) quoted.chars().filter(ch -> ch == '\n').count();
        current.append(quoted);
        i = end + 1;
        continue;
      }
      if (startLine > 0) {
        current.append(c);
      }
      i++;
    }
    if (startLine > 0) {
      throw new IllegalArgumentException(
          "line " + startLine + ": statement not terminated by ';': " + current.toString().strip());
    }
    return statements;
  }

  /** Index of the quote closing the one at {@code open}; a doubled quote is an escaped quote. */
  private static int closingQuote(String script, int open, char quote) {
    int i = open + 1;
    while (i < script.length()) {
      if (script.charAt(i) == quote) {
        if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return -1;
  }
}
