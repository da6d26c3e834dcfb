package org.sstpdoctor.core.inventory;

import java.util.Locale;
import java.util.Set;

/**
 * The rules for server and site names. A name becomes a file or folder name on every platform
 * SSTP Doctor runs on, so it must be one on Windows as well: no path separators, none of
 * {@code <>:"|?*}, no control characters, not a reserved device name, not "." or "..", and it
 * does not start with a dot (those names are reserved for the inventory's own files).
 */
public final class InventoryNames {

    /** The longest server or site name. */
    public static final int MAX_LENGTH = 100;

    private static final String FORBIDDEN = "/\\<>:\"|?*";
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
            "LPT8", "LPT9");

    private InventoryNames() {
    }

    /** Why {@code name} cannot name a server or a site, or null when it can. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "the name is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "\"" + name + "\" is not a name";
        }
        if (name.startsWith(".")) {
            return "\"" + name + "\" starts with a dot";
        }
        if (!name.strip().equals(name)) {
            return "\"" + name + "\" starts or ends with white space";
        }
        if (name.length() > MAX_LENGTH) {
            return "\"" + name + "\" is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "\"" + name + "\" contains a path separator '" + c + "'";
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "\"" + name + "\" contains '" + c + "', which Windows does not allow in file names";
            }
            if (Character.isISOControl(c)) {
                return "\"" + name + "\" contains a control character";
            }
        }
        if (name.endsWith(".")) {
            return "\"" + name + "\" ends with a dot";
        }
        int dot = name.indexOf('.');
        if (WINDOWS_DEVICES.contains((dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT))) {
            return "\"" + name + "\" is a reserved device name on Windows";
        }
        return null;
    }

    /**
     * Returns {@code name} when it can name a server or site, else throws.
     *
     * @param what "server" or "site", for the message
     * @throws IllegalArgumentException saying why {@code name} cannot name a {@code what}
     */
    public static String check(String name, String what) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + what + " name: " + problem);
        }
        return name;
    }

    /**
     * Checks a site path, "" for the top of the inventory or names separated by '/' such as
     * {@code "emea/paris"}.
     *
     * @return the site path, without leading or trailing '/'
     * @throws IllegalArgumentException naming the invalid segment
     */
    public static String checkSite(String site) {
        String problem = siteProblem(site);
        if (problem != null) {
            throw new IllegalArgumentException("invalid site \"" + site + "\": " + problem);
        }
        return normalizeSite(site);
    }

    /** Why {@code site} is not a site path, or null when it is one. */
    public static String siteProblem(String site) {
        if (site == null) {
            return "no site";
        }
        String normalized = normalizeSite(site);
        if (normalized.isEmpty()) {
            return null;
        }
        if (site.indexOf('\\') >= 0) {
            return "use '/' between site names";
        }
        for (String segment : normalized.split("/", -1)) {
            String problem = problem(segment);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * The server name a host gets when none is given: the host itself, with the colons of an
     * IPv6 address turned into hyphens.
     */
    public static String fromHost(String host) {
        return host.strip().replace(':', '-');
    }

    private static String normalizeSite(String site) {
        String s = site.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
