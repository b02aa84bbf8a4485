package dev.calx.sql.function;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebAssembly text module for a routine that runs SQL: every {@code calx} import declared, the
 * texts the routine uses laid out in its memory, and one exported function. {@link #text} writes
 * the (pointer, length) pair of a text as two WAT instructions.
 */
final class SqlGuest {
  /** The SQL imports, granted to READS SQL DATA and MODIFIES SQL DATA routines. */
  static final String SQL = """
      (import "calx" "prepare" (func $prepare (param i32 i32) (result i32)))
      (import "calx" "bind_i32" (func $bind_i32 (param i32 i32 i32) (result i32)))
      (import "calx" "bind_i64" (func $bind_i64 (param i32 i32 i64) (result i32)))
      (import "calx" "execute" (func $execute (param i32) (result i64)))
      (import "calx" "next" (func $next (param i32) (result i32)))
      (import "calx" "column_i32" (func $column_i32 (param i32 i32) (result i32)))
      (import "calx" "column_i64" (func $column_i64 (param i32 i32) (result i64)))
      (import "calx" "column_text" (func $column_text (param i32 i32 i32 i32) (result i32)))
      (import "calx" "close" (func $close (param i32) (result i32)))
      (import "calx" "raise" (func $raise (param i32 i32 i32)))
      """;
  /** The imports of a routine that returns a table. */
  static final String EMIT = """
      (import "calx" "emit_i32" (func $emit_i32 (param i32 i32)))
      (import "calx" "emit_i64" (func $emit_i64 (param i32 i64)))
      (import "calx" "emit_row" (func $emit_row (result i32)))
      """;
  private static final int SLOT = 256;

  private final List<String> texts = new ArrayList<>();

  /** Two instructions pushing the pointer and byte length of {@code sql}, laid out once. */
  String text(String sql) {
    int at = texts.indexOf(sql);
    if (at < 0) {
      texts.add(sql);
      at = texts.size() - 1;
    }
    return "(i32.const " + (at * SLOT) + ") (i32.const "
        + sql.getBytes(StandardCharsets.UTF_8).length + ")";
  }

  /** The pointer of {@code text}, laid out once. */
  String pointer(String text) {
    String pair = text(text);
    return pair.substring(0, pair.indexOf(')') + 1);
  }

  /** The module: the imports, a memory with the texts laid out, and the functions. */
  String module(String imports, String functions) {
    StringBuilder wat = new StringBuilder("(module ").append(imports)
        .append(" (memory (export \"memory\") 2)");
    for (int i = 0; i < texts.size(); i++) {
      wat.append(" (data (i32.const ").append(i * SLOT).append(") \"")
          .append(texts.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append("\")");
    }
    return wat.append(' ').append(functions).append(')').toString().replace("'", "''");
  }
}
