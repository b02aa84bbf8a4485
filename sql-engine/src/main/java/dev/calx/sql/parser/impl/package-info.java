/**
 * The generated parser, {@link dev.calx.sql.parser.impl.CalxSqlParserImpl}; its source is
 * produced by FMPP and JavaCC from Calcite's template, never edited by hand.
 */
package dev.calx.sql.parser.impl;
