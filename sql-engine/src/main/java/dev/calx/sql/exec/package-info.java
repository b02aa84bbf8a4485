/**
 * Executes Calx's DDL: the parser factory Calcite is configured with, and the executor it hands
 * CREATE and DROP statements to.
 */
package dev.calx.sql.exec;
