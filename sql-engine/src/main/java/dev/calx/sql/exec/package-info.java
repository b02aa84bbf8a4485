/**
 * Executes Calx's DDL: the parser factory Calcite is configured with, the executor it hands
 * CREATE and DROP statements to, and the reading of a parsed CREATE into a routine definition.
 */
package dev.calx.sql.exec;
