package dev.calx.examples;

/**
 * One statement of a SQL script, without its terminating semicolon.
 *
 * @param line the 1-based line the statement starts on, for messages
 * @param sql the statement text as written, comments between statements excluded
 */
record ScriptStatement(int line, String sql) {}
