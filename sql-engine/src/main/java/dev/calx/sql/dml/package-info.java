/**
 * INSERT, UPDATE and DELETE that call WebAssembly functions: split into a query Calcite plans
 * and a change applied to the embedded database's table in one transaction.
 */
package dev.calx.sql.dml;
