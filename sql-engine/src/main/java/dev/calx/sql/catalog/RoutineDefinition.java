package dev.calx.sql.catalog;

import dev.calx.wasm.CallLimits;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.ImportSet;
import dev.calx.wasm.Signature;
import dev.calx.wasm.WasmFunction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the catalog knows of one procedure or function except its module's bytes.
 *
 * @param name the name, as SQL resolves it (unquoted names are upper case)
 * @param kind PROCEDURE or FUNCTION; both share one namespace
 * @param parameters the parameters, in order
 * @param returnType the result type
 * @param exportName the EXPORT clause, if given; else the export is found by name
 * @param deterministic whether DETERMINISTIC was declared
 * @param comment the COMMENT, if any
 * @param limits the per-call limits, after the server's caps
 * @param imports the host import sets granted
 * @param moduleSha256 the SHA-256 of the module, in hex
 * @param moduleSize the module's size in bytes
 * @param createdAt when the name was first created
 * @param updatedAt when it was last created or replaced
 */
public record RoutineDefinition(
    String name,
    RoutineKind kind,
    List<Parameter> parameters,
    RoutineType returnType,
    Optional<String> exportName,
    boolean deterministic,
    Optional<String> comment,
    CallLimits limits,
    Set<ImportSet> imports,
    String moduleSha256,
    int moduleSize,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * One parameter.
   *
   * @param name its name, if it was given one
   * @param type its type
   */
  public record Parameter(Optional<String> name, RoutineType type) {}

  /** Copies the lists. */
  public RoutineDefinition {
    parameters = List.copyOf(parameters);
    imports = Set.copyOf(imports);
  }

  /** The name of parameter {@code i} (from 0): its own, or P1, P2, ... if it was given none. */
  public String parameterName(int i) {
    return parameters.get(i).name().orElse("P" + (i + 1));
  }

  /** The signature the WebAssembly runtime checks the module against. */
  public Signature signature() {
    return new Signature(
        parameters.stream().map(p -> p.type().sqlType()).toList(), returnType.sqlType());
  }

  /**
   * The function this definition declares over a module: checks that the module fits it and
   * compiles it.
   *
   * @throws dev.calx.wasm.WasmUdfException if the module does not fit the definition
   */
  public WasmFunction bind(GuestModule module) {
    WasmFunction.Builder builder = WasmFunction.builder(module)
        .name(name)
        .signature(signature())
        .limits(limits);
    exportName.ifPresent(builder::export);
    imports.forEach(builder::grant);
    return builder.build();
  }

  /** This definition with other creation and update times. */
  public RoutineDefinition at(Instant created, Instant updated) {
    return new RoutineDefinition(name, kind, parameters, returnType, exportName, deterministic,
        comment, limits, imports, moduleSha256, moduleSize, created, updated);
  }
}
