/**
 * The JDBC surface both Calx drivers present, the embedded {@code jdbc:calx:} and the client
 * {@code jdbc:calx://}: calls through {@code CallableStatement}, and the metadata that Avatica's
 * protocol does not carry, answered by SQL over the {@code sys} tables. It needs {@code java.sql}
 * only.
 */
package dev.calx.jdbc;
