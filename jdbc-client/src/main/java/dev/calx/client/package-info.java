/**
 * The client driver {@code jdbc:calx://host:port}: Avatica's remote driver with Calx's URL, HTTP
 * BASIC credentials, calls, metadata and several servers.
 */
package dev.calx.client;
