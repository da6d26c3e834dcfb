/**
 * The practice lab: simulated RRAS servers, each with one KB947031 fault injected (and a healthy
 * one), reachable on loopback through a real TLS + MS-SSTP endpoint, a real SSH server and a real
 * WinRM endpoint. Everything here is simulated and says so wherever it appears.
 */
package org.sstpdoctor.lab;
