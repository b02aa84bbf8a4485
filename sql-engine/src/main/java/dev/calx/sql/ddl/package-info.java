/**
 * Parse trees for Calx's DDL on WebAssembly routines ({@link dev.calx.sql.ddl.SqlCreateRoutine},
 * {@link dev.calx.sql.ddl.SqlDropRoutine}) and for transaction control
 * ({@link dev.calx.sql.ddl.SqlStartTransaction}, {@link dev.calx.sql.ddl.SqlCommit},
 * {@link dev.calx.sql.ddl.SqlRollback},
 * {@link dev.calx.sql.ddl.SqlSavepoint}), which Calcite routes the same way.
 *
 * <p>Table DDL reuses Calcite's own nodes ({@code org.apache.calcite.sql.ddl.SqlCreateTable},
 * {@code SqlDropTable}, {@code SqlColumnDeclaration}, {@code SqlKeyConstraint}). Every node here
 * has a kind in {@link org.apache.calcite.sql.SqlKind#DDL}, so Calcite hands it to the parser
 * factory's DDL executor, and unparses to SQL that parses back to an equal node.
 */
package dev.calx.sql.ddl;
