/**
 * Certificates the way a Windows SSTP client sees them, with Bouncy Castle and the JDK, free of
 * any UI.
 * <ul>
 * <li>Reading: {@link org.sstpdoctor.pki.CertificateReader} (PEM, DER, PKCS#7, PKCS#12, Java
 * keystores, a TLS handshake), refusing bad input with a
 * {@link org.sstpdoctor.pki.CertificateFormatException}; passwords through a
 * {@link org.sstpdoctor.pki.PasswordProvider}.</li>
 * <li>Trust: {@link org.sstpdoctor.pki.TrustStore}, always chosen (the clients' roots, not the
 * JVM's).</li>
 * <li>Chains: {@link org.sstpdoctor.pki.ChainBuilder} gives a
 * {@link org.sstpdoctor.pki.ChainResult} with every {@link org.sstpdoctor.pki.ChainProblem}
 * found, fetching missing issuers via AIA when enabled.</li>
 * <li>Analysis: {@link org.sstpdoctor.pki.CertificateAnalyzer} gives a
 * {@link org.sstpdoctor.pki.CertificateReport}; {@link org.sstpdoctor.pki.HostNameMatcher} gives a
 * {@link org.sstpdoctor.pki.NameMatch}; {@link org.sstpdoctor.pki.Thumbprints} compares registry
 * hashes.</li>
 * <li>Revocation: {@link org.sstpdoctor.pki.RevocationChecker} over an
 * {@link org.sstpdoctor.pki.HttpFetcher} ({@link org.sstpdoctor.pki.JdkHttpFetcher}) gives a
 * {@link org.sstpdoctor.pki.RevocationReport}.</li>
 * <li>Generation: {@link org.sstpdoctor.pki.LabPki} (lab CAs, server certificates, CRLs, OCSP
 * answers), {@link org.sstpdoctor.pki.CsrBuilder} (renewal requests),
 * {@link org.sstpdoctor.pki.CertificateWriter} (PEM, P7B, PFX, PKCS#8).</li>
 * </ul>
 * Every moment a verdict depends on is a parameter ({@code Instant at}); every network read has a
 * timeout and a size limit. Verdict enums carry the CryptoAPI error a client shows for them alone;
 * mapping a whole diagnosis to the client's error code is the probe's job.
 */
package org.sstpdoctor.pki;
