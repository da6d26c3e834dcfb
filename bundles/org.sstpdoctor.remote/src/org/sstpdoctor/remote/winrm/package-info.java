/**
 * WinRM (WS-Management) remote shell: HTTP with message encryption and HTTPS, Basic, NTLM and Negotiate authentication.
 */
package org.sstpdoctor.remote.winrm;
