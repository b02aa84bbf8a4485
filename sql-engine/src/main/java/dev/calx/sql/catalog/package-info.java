/**
 * The procedure catalog: definitions, their compiled functions, per-procedure statistics, and
 * their durable home in the H2 database of the data directory.
 */
package dev.calx.sql.catalog;
