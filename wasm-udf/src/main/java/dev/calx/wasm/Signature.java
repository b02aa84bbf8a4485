package dev.calx.wasm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL signature a WebAssembly export is declared with: parameter types in order, and what the
 * call gives back: one value of a result type, rows of column types that the guest emits through
 * {@code calx.emit_*} (its export then returns nothing), or nothing at all.
 *
 * @param parameters the parameter types, in order
 * @param result the result type, or null if the export returns nothing
 * @param columns the types of the emitted rows' columns, in order; empty unless the call returns
 *     a table
 */
public record Signature(List<SqlType> parameters, SqlType result, List<SqlType> columns) {

  /** Creates a signature, copying the lists. */
  public Signature {
    parameters = List.copyOf(parameters);
    columns = List.copyOf(columns);
    if (result != null && !columns.isEmpty()) {
      throw new IllegalArgumentException("a call returns a value or a table, not both");
    }
  }

  /** A signature that returns one value of {@code result}. */
  public Signature(List<SqlType> parameters, SqlType result) {
    this(parameters, result, List.of());
  }

  /** A signature from a result type and parameter types, in order. */
  public static Signature of(SqlType result, SqlType... parameters) {
    return new Signature(List.of(parameters), result);
  }

  /** A signature whose export returns nothing. */
  public static Signature returningNothing(SqlType... parameters) {
    return new Signature(List.of(parameters), null);
  }

  /** A signature whose call returns the rows it emits, of these column types. */
  public static Signature returningTable(List<SqlType> columns, SqlType... parameters) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table has at least one column");
    }
    return new Signature(List.of(parameters), null, columns);
  }

  /** Whether the call returns one value. */
  public boolean returnsValue() {
    return result != null;
  }

  /** Whether the call returns the rows it emits. */
  public boolean returnsTable() {
    return !columns.isEmpty();
  }

  /** Whether any parameter or the result crosses the boundary through guest memory. */
  public boolean usesMemory() {
    return (result != null && result.isBuffer())
        || parameters.stream().anyMatch(SqlType::isBuffer);
  }

  /** The signature as SQL: {@code (INTEGER, TEXT) RETURNS TEXT}. */
  @Override
  public String toString() {
    String params = parameters.stream().map(SqlType::name)
        .collect(Collectors.joining(", ", "(", ")"));
    if (result != null) {
      return params + " RETURNS " + result;
    }
    return columns.isEmpty() ? params : params + " RETURNS TABLE "
        + columns.stream().map(SqlType::name).collect(Collectors.joining(", ", "(", ")"));
  }
}
