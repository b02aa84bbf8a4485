/**
 * The procedure catalog: the routine model (definitions whose types are the guest ABI's {@link
 * dev.calx.wasm.SqlType}, declared as {@link dev.calx.sql.catalog.RoutineType}, with no tie to
 * the parse trees), their compiled functions,
 * per-procedure statistics, and their durable home in the H2 database of the data directory.
 */
package dev.calx.sql.catalog;
