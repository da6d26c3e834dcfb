package org.sstpdoctor.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

/**
 * A PKCS#10 certificate request (CSR) and the private key it was made for.
 *
 * @param der         the CSR, DER
 * @param pem         the CSR in a {@code CERTIFICATE REQUEST} PEM block, what a CA's web form takes
 * @param subject     its subject
 * @param dnsNames    the SAN DNS names requested
 * @param ipAddresses the SAN IP addresses requested
 * @param keyPair     the new key pair; the private key never leaves this object unless asked
 */
public record CertificateRequest(byte[] der, String pem, String subject, List<String> dnsNames,
        List<String> ipAddresses, KeyPair keyPair) {

    public CertificateRequest {
        der = der.clone();
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** The private key as unencrypted PKCS#8 PEM, for the caller to protect. */
    public String privateKeyPem() {
        return CertificateWriter.privateKeyPem(keyPair.getPrivate());
    }

    /** The private key as password-encrypted PKCS#8 PEM. */
    public String encryptedPrivateKeyPem(char[] password) {
        return CertificateWriter.encryptedPrivateKeyPem(keyPair.getPrivate(), password);
    }

    /**
     * Writes the CSR to {@code csrFile} and the private key, unencrypted PKCS#8 PEM, to a new
     * {@code keyFile} that only its owner can read where the file system has POSIX permissions
     * (on Windows it gets the folder's ACL: choose the folder). The key file must not exist yet.
     */
    public void write(Path csrFile, Path keyFile) throws IOException {
        Files.writeString(csrFile, pem, StandardCharsets.US_ASCII);
        byte[] key = privateKeyPem().getBytes(StandardCharsets.US_ASCII);
        if (Files.getFileStore(keyFile.toAbsolutePath().getParent()).supportsFileAttributeView("posix")) {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(keyFile, key, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(keyFile, key, StandardOpenOption.CREATE_NEW);
        }
    }
}
