/**
 * WebAssembly procedures as Calcite scalar functions: their Calcite types, and the code Calcite
 * generates to call them.
 */
package dev.calx.sql.function;
