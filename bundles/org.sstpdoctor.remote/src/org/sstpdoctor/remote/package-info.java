/**
 * Remote channels to a Windows RRAS server: the channel interface, commands built from typed values, results, and failures that name the server and the step.
 */
package org.sstpdoctor.remote;
