/**
 * WinRM (WS-Management remote shell, MS-WSMV) to Windows servers: {@link org.sstpdoctor.remote.winrm.WinRmClient}
 * runs a command or a PowerShell script in a new remote shell and returns a
 * {@link org.sstpdoctor.remote.winrm.ShellResult}; {@link org.sstpdoctor.remote.winrm.WinRmSettings} says how to reach
 * the endpoint; failures are a {@link org.sstpdoctor.remote.winrm.WinRmException} naming the server and the step.
 * <p>
 * Transports and authentication:
 * <ul>
 * <li>HTTPS (5986) with Basic or NTLM. The certificate is verified against the given trust and the host name; when
 * that fails, the {@link org.sstpdoctor.remote.winrm.CertificateTrustCallback} is shown the presented chain, and the
 * caller stores a "trust" answer and passes it back as a trusted certificate. NTLM inside TLS sends channel
 * bindings.</li>
 * <li>HTTP (5985, the Windows default listener) with NTLMv2 and MS-WSMV message encryption: every message after the
 * handshake is sealed, responses are verified (signature, sequence, length); the security context is bound to the one
 * kept-alive connection.</li>
 * <li>Kerberos ({@code Authorization: Negotiate} with Kerberos tokens) over HTTP with MS-WSMV Kerberos message
 * encryption ({@code application/HTTP-Kerberos-session-encrypted}, GSS wrap tokens in the Windows layout) or over
 * HTTPS. The user logs in with the password through JAAS (no keytab, no ticket cache); realm and KDC come from the
 * settings or the system's krb5.conf. Kerberos inside TLS sends channel bindings (tls-server-end-point).</li>
 * </ul>
 * CredSSP is not implemented.
 * <p>
 * Every run has a timeout, an output cap and cancellation through its progress monitor; each HTTP response is capped;
 * XML is parsed without DTDs or external entities. No message contains a credential.
 */
package org.sstpdoctor.remote.winrm;
