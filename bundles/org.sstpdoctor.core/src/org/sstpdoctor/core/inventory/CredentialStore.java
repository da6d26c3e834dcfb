package org.sstpdoctor.core.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;

/**
 * The servers' credentials, in Eclipse Secure Storage and nowhere else. Each server's
 * credentials are in the node {@code /org.sstpdoctor/servers/<credentialRef>}, keyed by the
 * UUID its server file names, so that renaming or moving a server keeps them. Every value is
 * stored encrypted.
 */
public final class CredentialStore {

    /** The node below the storage root that holds one node per credential reference. */
    public static final String NODE_PATH = "/org.sstpdoctor/servers";

    private static final String USER = "user";
    private static final String PASSWORD = "password";
    private static final String PASSPHRASE = "passphrase";

    private final ISecurePreferences root;

    /**
     * A store on {@code root}, the root of a secure storage: the default one, or one a test
     * opened with {@code SecurePreferencesFactory.open(location, options)}.
     */
    public CredentialStore(ISecurePreferences root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * The store on the user's default secure storage.
     *
     * @throws StorageException when the platform has no secure storage
     */
    public static CredentialStore getDefault() throws StorageException {
        ISecurePreferences storage = SecurePreferencesFactory.getDefault();
        if (storage == null) {
            throw new StorageException(StorageException.INTERNAL_ERROR,
                    "Eclipse Secure Storage is not available, so SSTP Doctor cannot keep credentials");
        }
        return new CredentialStore(storage);
    }

    /**
     * Stores the credentials of the server whose file names {@code credentialRef}, replacing any.
     * The arrays are not kept and not changed; the caller wipes them.
     *
     * @param passphrase the private key's passphrase, or null when there is none
     */
    public synchronized void store(String credentialRef, String user, char[] password, char[] passphrase)
            throws StorageException {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        ISecurePreferences node = root.node(path(credentialRef));
        node.put(USER, user, true);
        putSecret(node, PASSWORD, password);
        if (passphrase == null) {
            node.remove(PASSPHRASE);
        } else {
            putSecret(node, PASSPHRASE, passphrase);
        }
        flush();
    }

    /** Stores {@code credentials} for the server whose file names {@code credentialRef}. */
    public void store(String credentialRef, Credentials credentials) throws StorageException {
        char[] password = credentials.password();
        char[] passphrase = credentials.passphrase();
        try {
            store(credentialRef, credentials.user(), password, passphrase);
        } finally {
            Arrays.fill(password, '\0');
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /**
     * The credentials stored for {@code credentialRef}, or empty when there are none. Secure
     * Storage may ask the user for its master password.
     */
    public synchronized Optional<Credentials> read(String credentialRef) throws StorageException {
        String path = path(credentialRef);
        if (!root.nodeExists(path)) {
            return Optional.empty();
        }
        ISecurePreferences node = root.node(path);
        String user = node.get(USER, null);
        if (user == null) {
            return Optional.empty();
        }
        char[] password = getSecret(node, PASSWORD);
        char[] passphrase = getSecret(node, PASSPHRASE);
        try {
            return Optional.of(new Credentials(user, password == null ? new char[0] : password, passphrase));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    /** Whether credentials are stored for {@code credentialRef}; never asks for a master password. */
    public synchronized boolean has(String credentialRef) {
        return root.nodeExists(path(credentialRef));
    }

    /**
     * Deletes the credentials stored for {@code credentialRef}.
     *
     * @return whether there were any
     */
    public synchronized boolean delete(String credentialRef) throws StorageException {
        String path = path(credentialRef);
        if (!root.nodeExists(path)) {
            return false;
        }
        root.node(path).removeNode();
        flush();
        return true;
    }

    private static String path(String credentialRef) {
        if (!ServerFileFormat.isCredentialRef(credentialRef)) {
            throw new IllegalArgumentException("not a credential reference (a UUID): \"" + credentialRef + "\"");
        }
        return NODE_PATH + "/" + credentialRef.toLowerCase(java.util.Locale.ROOT);
    }

    private void flush() throws StorageException {
        try {
            root.flush();
        } catch (IOException e) {
            throw new StorageException(StorageException.INTERNAL_ERROR, e);
        }
    }

    private static void putSecret(ISecurePreferences node, String key, char[] secret) throws StorageException {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            node.putByteArray(key, bytes, true);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private static char[] getSecret(ISecurePreferences node, String key) throws StorageException {
        byte[] bytes = node.getByteArray(key, null);
        if (bytes == null) {
            return null;
        }
        CharBuffer decoded = null;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            char[] secret = new char[decoded.remaining()];
            decoded.get(secret);
            return secret;
        } catch (CharacterCodingException e) {
            throw new StorageException(StorageException.DECRYPTION_ERROR, "a stored secret is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (decoded != null && decoded.hasArray()) {
                Arrays.fill(decoded.array(), '\0');
            }
        }
    }
}
