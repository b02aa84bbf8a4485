package dev.calx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The script splitter and the golden-file diff, on small inputs. */
class SqlScriptTest {
  @Test
  void semicolonsInQuotesAndCommentsDoNotEndAStatement() {
    String script = "-- a comment; not a statement\n"
        + "CREATE FUNCTION f() RETURNS INT LANGUAGE WASM\n"
        + "  AS '(module ;; a WAT comment; with semicolons\n"
        + "  (func (export \"f\") (result i32) i32.const 1))';\n"
        + "\n"
        + "SELECT 'it''s; fine' -- trailing; comment\n"
        + "FROM t;\n";
    List<ScriptStatement> statements = SqlScript.statements(script);
    assertEquals(2, statements.size());
    assertEquals(2, statements.get(0).line());
    assertTrue(statements.get(0).sql().endsWith("i32.const 1))'"));
    assertEquals(new ScriptStatement(6, "SELECT 'it''s; fine' -- trailing; comment\nFROM t"),
        statements.get(1));
  }

  @Test
  void anUnterminatedStatementIsAnError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SqlScript.statements("SELECT 1;\nSELECT 2"));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
  }

  @Test
  void theDiffShowsChangedLinesWithContext() {
    String expected = "a\nb\nc\nd\ne\nf\ng\n";
    String actual = "a\nb\nc\nD\ne\nf\ng\n";
    assertEquals(" b\n c\n-d\n+D\n e\n f\n...\n", LineDiff.between(expected, actual));
    assertEquals("", LineDiff.between(expected, expected));
  }
}
