/**
 * Calx's JDBC server: Avatica over HTTP in front of the embedded engine, with optional HTTP BASIC
 * authentication whose roles decide who may change the schema, JDBC databases attached from a
 * Calcite model, and the {@code calx server} command the launcher runs.
 */
package dev.calx.server;
