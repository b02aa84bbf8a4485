/**
 * The {@code sys} schema: read-only views of the procedure catalog, its call and statement
 * statistics, and the keys and indexes of the default schema's tables.
 */
package dev.calx.sql.system;
