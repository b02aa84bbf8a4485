/** The {@code sys} schema: read-only views of the procedure catalog and its call statistics. */
package dev.calx.sql.system;
