package dev.calx.wasm;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The SQL signature a WebAssembly export is declared with: parameter types in order and a result
 * type.
 *
 * @param parameters the parameter types, in order
 * @param result the result type
 */
public record Signature(List<SqlType> parameters, SqlType result) {

  /** Creates a signature, copying the parameter list. */
  public Signature {
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(result, "result");
  }

  /** A signature from a result type and parameter types, in order. */
  public static Signature of(SqlType result, SqlType... parameters) {
    return new Signature(List.of(parameters), result);
  }

  /** Whether any parameter or the result crosses the boundary through guest memory. */
  public boolean usesMemory() {
    return result.isBuffer() || parameters.stream().anyMatch(SqlType::isBuffer);
  }

  /** The signature as SQL: {@code (INTEGER, TEXT) RETURNS TEXT}. */
  @Override
  public String toString() {
    return parameters.stream().map(SqlType::name).collect(Collectors.joining(", ", "(", ")"))
        + " RETURNS "
        + result;
  }
}
