/**
 * The practice lab's real WinRM endpoint on loopback: WS-Management over HTTP with NTLM and message encryption, as
 * Windows serves it on port 5985, whose remote shell commands a simulated Windows server answers.
 */
package org.sstpdoctor.lab.winrm;
