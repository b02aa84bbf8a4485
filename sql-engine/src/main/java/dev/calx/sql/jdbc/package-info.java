/**
 * The embedded driver {@code jdbc:calx:}: opens a data directory's database once per process and
 * hands out Calcite connections over it, with CALL rewritten into a query and every failure given
 * the SQLSTATE of the product specification.
 */
package dev.calx.sql.jdbc;
