/**
 * Calx's SQL parser: Calcite's grammar extended with WebAssembly routine and table DDL.
 *
 * <p>The parser itself, {@code dev.calx.sql.parser.impl.CalxSqlParserImpl}, is generated at
 * build time from Calcite's {@code Parser.jj} and {@code src/main/codegen}; obtain it through
 * its {@code FACTORY}.
 */
package dev.calx.sql.parser;
