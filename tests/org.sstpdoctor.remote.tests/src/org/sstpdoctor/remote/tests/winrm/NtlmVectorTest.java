package org.sstpdoctor.remote.tests.winrm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.sstpdoctor.lab.winrm.ServerNtlm;

/**
 * The test endpoint's NTLM session security against Microsoft's own example (MS-NLMP 4.2.4.4, NTLMv2 with extended
 * session security and key exchange): the client and pywinrm are checked against the endpoint, the endpoint here
 * against the specification.
 */
class NtlmVectorTest {

    private static final byte[] RANDOM_SESSION_KEY = new byte[16];
    static {
        Arrays.fill(RANDOM_SESSION_KEY, (byte) 0x55);
    }
    private static final byte[] SEALED = HexFormat.of().parseHex("54e50165bf1936dc996020c1811b0f06fb5f");
    private static final byte[] SIGNATURE = HexFormat.of().parseHex("010000007fb38ec5c55d497600000000");

    @Test
    void unsealsTheSpecificationsExample() throws Exception {
        ServerNtlm.Sealing endpoint = new ServerNtlm.Sealing(RANDOM_SESSION_KEY);
        assertArrayEquals("Plaintext".getBytes(StandardCharsets.UTF_16LE), endpoint.unseal(SIGNATURE, SEALED));
    }

    @Test
    void refusesTheExampleWithOneBitChanged() throws Exception {
        byte[] altered = SEALED.clone();
        altered[3] ^= 1;
        assertNull(new ServerNtlm.Sealing(RANDOM_SESSION_KEY).unseal(SIGNATURE, altered));
    }

    @Test
    void md4AndNtowfMatchTheSpecification() throws Exception {
        // MS-NLMP 4.2.4.1.1: NTOWFv2("Password", "User", "Domain")
        byte[] ntowf = ServerNtlm.hmac(ServerNtlm.md4("Password".getBytes(StandardCharsets.UTF_16LE)),
                "USERDomain".getBytes(StandardCharsets.UTF_16LE));
        assertArrayEquals(HexFormat.of().parseHex("0c868a403bfd7a93a3001ef22ef02e3f"), ntowf);
    }
}
