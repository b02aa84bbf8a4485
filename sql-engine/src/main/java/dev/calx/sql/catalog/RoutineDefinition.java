package dev.calx.sql.catalog;

import dev.calx.wasm.CallLimits;
import dev.calx.wasm.GuestModule;
import dev.calx.wasm.ImportSet;
import dev.calx.wasm.Signature;
import dev.calx.wasm.WasmFunction;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the catalog knows of one procedure or function except its module's bytes.
 *
 * @param name the name, as SQL resolves it (unquoted names are upper case)
 * @param kind PROCEDURE or FUNCTION; both share one namespace
 * @param parameters the parameters, in order
 * @param returnType the type of the one value a call returns; empty for a routine that returns a
 *     table or, a PROCEDURE without RETURNS, nothing
 * @param resultColumns the columns of a RETURNS TABLE routine's rows; empty for any other
 * @param exportName the EXPORT clause, if given; else the export is found by name
 * @param sqlDataAccess what SQL the routine may run
 * @param deterministic whether DETERMINISTIC was declared
 * @param comment the COMMENT, if any
 * @param limits the per-call limits, after the server's caps
 * @param imports the host import sets the WITH option asked for (see {@link #grants})
 * @param moduleSha256 the SHA-256 of the module, in hex
 * @param moduleSize the module's size in bytes
 * @param createdAt when the name was first created
 * @param updatedAt when it was last created or replaced
 */
public record RoutineDefinition(
    String name,
    RoutineKind kind,
    List<Parameter> parameters,
    Optional<RoutineType> returnType,
    List<Column> resultColumns,
    Optional<String> exportName,
    SqlDataAccess sqlDataAccess,
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

  /**
   * One column of a RETURNS TABLE routine's rows.
   *
   * @param name its name, as SQL resolves it
   * @param type its type
   */
  public record Column(String name, RoutineType type) {}

  /** Copies the lists and checks that the routine returns a value, a table or nothing. */
  public RoutineDefinition {
    parameters = List.copyOf(parameters);
    resultColumns = List.copyOf(resultColumns);
    imports = Set.copyOf(imports);
    if (returnType.isPresent() && !resultColumns.isEmpty()) {
      throw new IllegalArgumentException(name + " returns a value and a table");
    }
  }

  /** Whether the routine returns rows ({@code RETURNS TABLE}). */
  public boolean returnsTable() {
    return !resultColumns.isEmpty();
  }

  /**
   * The import sets a call is granted: those the WITH option asked for, {@link ImportSet#CALX}
   * always, {@link ImportSet#CALX_ROWS} to a routine that returns a table and {@link
   * ImportSet#CALX_SQL} to one that runs SQL.
   */
  public Set<ImportSet> grants() {
    Set<ImportSet> grants = EnumSet.of(ImportSet.CALX);
    grants.addAll(imports);
    if (returnsTable()) {
      grants.add(ImportSet.CALX_ROWS);
    }
    if (sqlDataAccess.runsSql()) {
      grants.add(ImportSet.CALX_SQL);
    }
    return grants;
  }

  /** The name of parameter {@code i} (from 0): its own, or P1, P2, ... if it was given none. */
  public String parameterName(int i) {
    return parameters.get(i).name().orElse("P" + (i + 1));
  }

  /** The signature the WebAssembly runtime checks the module against. */
  public Signature signature() {
    return new Signature(parameters.stream().map(p -> p.type().sqlType()).toList(),
        returnType.map(RoutineType::sqlType).orElse(null),
        resultColumns.stream().map(c -> c.type().sqlType()).toList());
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
    grants().forEach(builder::grant);
    return builder.build();
  }

  /** This definition with other creation and update times. */
  public RoutineDefinition at(Instant created, Instant updated) {
    return new RoutineDefinition(name, kind, parameters, returnType, resultColumns, exportName,
        sqlDataAccess, deterministic, comment, limits, imports, moduleSha256, moduleSize, created,
        updated);
  }
}
