/**
 * Changes to an RRAS server as typed values ({@link org.sstpdoctor.remote.actions.ServerAction}),
 * the exact commands that make them, and how they ended. Remediations send these; the practice
 * lab recognises and carries them out.
 */
package org.sstpdoctor.remote.actions;
