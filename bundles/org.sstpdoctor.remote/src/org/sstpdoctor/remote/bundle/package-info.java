/**
 * Offline evidence bundles: the collection scripts an administrator runs on the server, and the importer that feeds their archive to the same parsers as live output.
 */
package org.sstpdoctor.remote.bundle;
