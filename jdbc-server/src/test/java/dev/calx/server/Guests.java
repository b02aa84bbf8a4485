package dev.calx.server;

/** Inline WebAssembly text modules the tests create procedures from. */
final class Guests {
  private Guests() {}

  /** {@code name(a INT, b INT) RETURNS INT}: a + b. */
  static String add(String name) {
    return "CREATE FUNCTION " + name + "(a INT, b INT) RETURNS INT LANGUAGE WASM AS '(module"
        + " (func (export \"" + name + "\") (param i32 i32) (result i32)"
        + " local.get 0 local.get 1 i32.add))'";
  }

  /** {@code name(x INT) RETURNS INT}: x * x. */
  static String square(String name) {
    return "CREATE FUNCTION " + name + "(x INT) RETURNS INT LANGUAGE WASM AS '(module"
        + " (func (export \"" + name + "\") (param i32) (result i32)"
        + " local.get 0 local.get 0 i32.mul))'";
  }
}
