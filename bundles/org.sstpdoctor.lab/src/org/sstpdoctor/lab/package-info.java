/**
 * The practice lab: simulated RRAS servers, each with one KB947031 fault injected (and a healthy
 * one), reachable on loopback through a real TLS + MS-SSTP endpoint, a real SSH server and a real
 * WinRM endpoint. Everything here is simulated and says so wherever it appears.
 * <p>
 * Entry points: {@link org.sstpdoctor.lab.Lab#startDefault(java.nio.file.Path)} starts every host
 * ({@link org.sstpdoctor.lab.LabScenario} lists them with their faults);
 * {@link org.sstpdoctor.lab.LabInventory#populate} puts them into an inventory, logging in with
 * the lab's own SSH key (nothing in Secure Storage); {@link org.sstpdoctor.lab.LabHost#state()} is a host's simulated
 * {@link org.sstpdoctor.lab.WindowsState}, which {@link org.sstpdoctor.lab.SimulatedServer}
 * answers commands from and server actions change.
 */
package org.sstpdoctor.lab;
