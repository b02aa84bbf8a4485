/**
 * The Calx SQL engine: Calcite extended with WebAssembly procedures and functions over an
 * embedded H2 database, reached through the {@code jdbc:calx:} driver in {@link dev.calx.sql.jdbc}.
 */
package dev.calx.sql;
