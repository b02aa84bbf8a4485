/** Calx's JDBC server: Avatica over HTTP in front of the embedded engine. */
package dev.calx.server;
