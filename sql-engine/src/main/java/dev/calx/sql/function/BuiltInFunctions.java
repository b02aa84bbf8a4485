package dev.calx.sql.function;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * The names of the built-in functions, which no routine may take: those of Calcite's standard
 * operator table, the only one a Calx connection uses (it sets no {@code fun} library). Calcite
 * resolves a call among a built-in and a routine of one name by their parameter types, so a
 * routine {@code ABS(INT)} would silently answer {@code abs(-5)}; CREATE refuses such a name
 * with 42723, and a routine of such a name that a catalog already holds is never called (the
 * built-in answers) until it is dropped (docs/sql-reference.md, "Routine names").
 */
public final class BuiltInFunctions {
  /** Operators named like a function: words, not symbols such as {@code +} or {@code IS NULL}. */
  private static final Pattern WORD = Pattern.compile("[A-Z_][A-Z0-9_$]*");
  private static final Set<String> NAMES = SqlStdOperatorTable.instance().getOperatorList()
      .stream().map(SqlOperator::getName).filter(name -> WORD.matcher(name).matches())
      .collect(Collectors.toUnmodifiableSet());

  private BuiltInFunctions() {}

  /** Whether {@code name}, in any case, names a built-in function. */
  public static boolean isBuiltIn(String name) {
    return NAMES.contains(name.toUpperCase(Locale.ROOT));
  }
}
