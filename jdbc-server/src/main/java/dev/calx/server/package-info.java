/**
 * Calx's JDBC server: Avatica over HTTP in front of the embedded engine, with optional HTTP BASIC
 * authentication whose roles decide who may change the schema, JDBC databases attached from a
 * Calcite model (their drivers from jars the server is given, their lower-case names folded to
 * Calx's upper case), and the {@code calx server} command the launcher runs.
 */
package dev.calx.server;
