/**
 * The practice lab's real SSH server (Apache MINA SSHD) on loopback, whose exec requests a simulated Windows server
 * answers.
 */
package org.sstpdoctor.lab.ssh;
