/**
 * The JDBC surface as applications use it: HikariCP pools under Spring's {@code JdbcTemplate},
 * {@code SimpleJdbcCall} and {@code TransactionTemplate}, jOOQ's plain SQL, and
 * {@code DatabaseMetaData} as a GUI tool reads it, each over the embedded driver, Avatica's
 * remote driver and the Calx client driver, remote ones with both serializations.
 */
package dev.calx.server.frameworks;
