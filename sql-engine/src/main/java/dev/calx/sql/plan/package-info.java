/** Calx's additions to Calcite's planning: predicates pushed to the embedded database. */
package dev.calx.sql.plan;
