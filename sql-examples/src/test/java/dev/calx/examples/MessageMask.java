package dev.calx.examples;

/**
 * A literal replacement applied to error messages before they reach a golden file, so that a path
 * of this machine (e.g. the module directory) does not end up in committed output.
 *
 * @param literal the text to replace
 * @param replacement what stands in for it, e.g. {@code <modules>}
 */
record MessageMask(String literal, String replacement) {
  String apply(String message) {
    return message.replace(literal, replacement);
  }
}
