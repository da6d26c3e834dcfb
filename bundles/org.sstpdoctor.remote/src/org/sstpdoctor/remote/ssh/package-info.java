/**
 * SSH to Windows OpenSSH (Windows Server 2019 and later) with Apache MINA SSHD: password and key authentication, known-hosts verification with trust on first use confirmed by the user, keep-alive and timeouts.
 */
package org.sstpdoctor.remote.ssh;
