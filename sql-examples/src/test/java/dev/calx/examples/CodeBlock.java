package dev.calx.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fenced code block of a Markdown file.
 *
 * @param file the Markdown file
 * @param line the 1-based line of the opening fence
 * @param language the fence's info string, e.g. {@code sql}; empty when the fence has none
 * @param lines the block's content lines
 */
record CodeBlock(Path file, int line, String language, List<String> lines) {
  private static final String FENCE = "```";

  /**
   * The fenced blocks of {@code markdown}, in order. An unclosed fence is an error, and so is an
   * indented code block (four spaces after a blank line): it could not be checked.
   */
  static List<CodeBlock> parse(Path file, String markdown) {
    List<CodeBlock> blocks = new ArrayList<>();
    List<String> all = markdown.lines().toList();
    for (int i = 0; i < all.size(); i++) {
      String open = all.get(i);
      if (open.startsWith("    ") && i > 0 && all.get(i - 1).isBlank()) {
        throw new IllegalArgumentException(file + ":" + (i + 1)
            + ": indented code block; use a fenced one so that it is checked");
      }
      if (!open.startsWith(FENCE)) {
        continue;
      }
      int start = i;
      List<String> content = new ArrayList<>();
      i++;
      while (i < all.size() && !all.get(i).startsWith(FENCE)) {
        content.add(all.get(i));
        i++;
      }
      if (i == all.size()) {
        throw new IllegalArgumentException(file + ":" + (start + 1) + ": code block never closed");
      }
      blocks.add(new CodeBlock(file, start + 1, open.substring(FENCE.length()).strip(), content));
    }
    return blocks;
  }

  /** Where the block is, for messages. */
  String where() {
    return file.getFileName() + ":" + line + " (```" + language + ")";
  }
}
