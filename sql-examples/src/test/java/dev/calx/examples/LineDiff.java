package dev.calx.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in unified style ({@code -} expected, {@code +} actual, two lines of context), so
 * that a golden-file mismatch shows what changed instead of two whole transcripts.
 */
final class LineDiff {
  private static final int CONTEXT = 2;

  private LineDiff() {}

  /** The diff from {@code expected} to {@code actual}; empty when they are equal. */
  static String between(String expected, String actual) {
    List<String> edits = edits(expected.lines().toList(), actual.lines().toList());
    boolean[] shown = new boolean[edits.size()];
    for (int i = 0; i < edits.size(); i++) {
      if (edits.get(i).charAt(0) != ' ') {
        for (int k = Math.max(0, i - CONTEXT); k <= Math.min(edits.size() - 1, i + CONTEXT); k++) {
          shown[k] = true;
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < edits.size(); i++) {
      if (shown[i]) {
        out.append(edits.get(i)).append('\n');
      } else if (i > 0 && shown[i - 1]) {
        out.append("...\n");
      }
    }
    return out.toString();
  }

  /** Longest-common-subsequence edit script, one entry per line, prefixed with ' ', '-' or '+'. */
  private static List<String> edits(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j))
            ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        edits.add(" " + a.get(i++));
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] > lcs[i + 1][j])) {
        edits.add("+" + b.get(j++));
      } else {
        edits.add("-" + a.get(i++));
      }
    }
    return edits;
  }
}
