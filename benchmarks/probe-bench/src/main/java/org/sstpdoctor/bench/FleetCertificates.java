package org.sstpdoctor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.sstpdoctor.pki.CertificateAuthority;
import org.sstpdoctor.pki.CertificateWriter;
import org.sstpdoctor.pki.IssuedCertificate;
import org.sstpdoctor.pki.LabPki;

/**
 * The certificates of the benchmark's fleet of SSTP endpoints, minted by the product's PKI code:
 * a fleet root, a fleet issuing CA under it, and for each endpoint its own ECDSA P-256 server
 * certificate (SAN: its DNS name and 127.0.0.1, Server Authentication) issued by that CA.
 * <p>
 * {@code FleetCertificates --count N --dir DIR} writes {@code DIR/root.pem} (the root the
 * clients trust) and, for each endpoint {@code i} (from 0), {@code DIR/endpoint-i.pem} (its
 * certificate, then the issuing CA's: the chain it presents) and {@code DIR/endpoint-i.key}
 * (its PKCS#8 private key, readable by the owner alone). {@code benchmarks/sstp-fleet.py}
 * serves them; {@link SstpFleet} mints its own the same way.
 */
public final class FleetCertificates {

    /** The fleet's root and its endpoints' certificates, in endpoint order. */
    record Fleet(CertificateAuthority root, List<IssuedCertificate> endpoints) {
    }

    /** The command line of a fleet program: {@code --count N --dir DIR}. */
    record Options(int count, Path dir) {

        static Options parse(String program, String[] args) {
            int count = 1000;
            Path dir = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--count" -> count = Integer.parseInt(args[++i]);
                    case "--dir" -> dir = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("usage: " + program + " --count N --dir DIR");
                }
            }
            if (dir == null || count < 1 || count > 20_000) {
                throw new IllegalArgumentException("usage: " + program + " --count N(1-20000) --dir DIR");
            }
            return new Options(count, dir);
        }
    }

    private FleetCertificates() {
    }

    /** A new root, issuing CA and {@code count} endpoint certificates. */
    static Fleet mint(int count) {
        CertificateAuthority root = LabPki.rootCa("CN=SSTP Doctor Fleet Root, O=SSTP Doctor Benchmark").build();
        CertificateAuthority issuing = root.intermediate("CN=SSTP Doctor Fleet Issuing CA, O=SSTP Doctor Benchmark")
                .build();
        List<IssuedCertificate> endpoints = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = String.format("fleet-%04d.sstpdoctor.test", i);
            endpoints.add(issuing.issue(name).dnsNames(name).ipAddresses("127.0.0.1").build());
        }
        return new Fleet(root, endpoints);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse("FleetCertificates", args);
        Path dir = options.dir();
        Files.createDirectories(dir);
        Fleet fleet = mint(options.count());
        Files.writeString(dir.resolve("root.pem"), CertificateWriter.pem(fleet.root().certificate()));
        for (int i = 0; i < fleet.endpoints().size(); i++) {
            IssuedCertificate leaf = fleet.endpoints().get(i);
            Files.writeString(dir.resolve("endpoint-" + i + ".pem"), CertificateWriter.pem(leaf.presentedChain()));
            Path key = dir.resolve("endpoint-" + i + ".key");
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(key, CertificateWriter.privateKeyPem(leaf.privateKey()));
        }
    }
}
