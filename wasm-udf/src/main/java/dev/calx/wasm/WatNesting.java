package dev.calx.wasm;

/**
 * How deeply a WebAssembly text nests: parentheses plus the structured instructions of the flat
 * syntax ({@code block}, {@code loop}, {@code if}, {@code try} ... {@code end}), outside strings
 * and comments.
 *
 * <p>wat2wasm parses recursively on a stack of fixed size inside its own linear memory; past a
 * couple of hundred levels it overruns that stack and fails with a corrupted memory or call
 * stack instead of an error message, so Calx measures the depth first and refuses a text that
 * nests deeper than wat2wasm is known to handle.
 */
final class WatNesting {
  private WatNesting() {}

  /** The deepest nesting anywhere in the text. */
  static int depth(String wat) {
    int parens = 0;
    int flat = 0;
    int deepest = 0;
    int i = 0;
    int n = wat.length();
    while (i < n) {
      char c = wat.charAt(i);
      if (c == '"') {
        i = skipString(wat, i + 1);
      } else if (c == ';' && i + 1 < n && wat.charAt(i + 1) == ';') {
        i = skipLine(wat, i);
      } else if (c == '(' && i + 1 < n && wat.charAt(i + 1) == ';') {
        i = skipBlockComment(wat, i);
      } else if (c == '(') {
        parens++;
        i++;
      } else if (c == ')') {
        parens = Math.max(0, parens - 1);
        i++;
      } else if (isWordChar(c)) {
        int end = wordEnd(wat, i);
        flat = Math.max(0, flat + flatStep(wat, i, end));
        i = end;
      } else {
        i++;
      }
      deepest = Math.max(deepest, parens + flat);
    }
    return deepest;
  }

  /**
   * +1 for a structured instruction written flat (not right after a parenthesis, which already
   * counts), -1 for its {@code end}, 0 for any other word.
   */
  private static int flatStep(String wat, int start, int end) {
    String word = wat.substring(start, end);
    boolean folded = start > 0 && wat.charAt(start - 1) == '(';
    return switch (word) {
      case "block", "loop", "if", "try", "try_table" -> folded ? 0 : 1;
      case "end" -> -1;
      default -> 0;
    };
  }

  private static boolean isWordChar(char c) {
    return !Character.isWhitespace(c) && c != '(' && c != ')' && c != '"' && c != ';';
  }

  private static int wordEnd(String wat, int i) {
    int j = i;
    while (j < wat.length() && isWordChar(wat.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int skipString(String wat, int i) {
    int j = i;
    while (j < wat.length() && wat.charAt(j) != '"') {
      j += wat.charAt(j) == '\\' ? 2 : 1;
    }
    return j + 1;
  }

  private static int skipLine(String wat, int i) {
    int end = wat.indexOf('\n', i);
    return end < 0 ? wat.length() : end + 1;
  }

  /** Block comments nest: {@code (; (; ;) ;)} is one comment. */
  private static int skipBlockComment(String wat, int i) {
    int level = 0;
    int j = i;
    while (j + 1 < wat.length()) {
      if (wat.charAt(j) == '(' && wat.charAt(j + 1) == ';') {
        level++;
        j += 2;
      } else if (wat.charAt(j) == ';' && wat.charAt(j + 1) == ')') {
        level--;
        j += 2;
        if (level == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return wat.length();
  }
}
