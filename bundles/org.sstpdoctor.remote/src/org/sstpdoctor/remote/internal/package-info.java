/**
 * Internals of the remote bundle: the shared SSH clients, per-connection handshake state and the
 * bundle's activator. Not API.
 */
package org.sstpdoctor.remote.internal;
