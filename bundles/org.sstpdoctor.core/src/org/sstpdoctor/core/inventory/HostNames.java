package org.sstpdoctor.core.inventory;

/**
 * Checks the host names VPN clients connect to: DNS names made of RFC 1123 labels, IPv4
 * addresses in dotted-decimal form, and IPv6 literals (without brackets or zone).
 */
public final class HostNames {

    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {
    }

    /** Whether {@code host} is a DNS name, an IPv4 address or an IPv6 literal. */
    public static boolean isValid(String host) {
        return problem(host) == null;
    }

    /**
     * Why {@code host} is not a valid host name, e.g. {@code label "-vpn" starts with a hyphen},
     * or null when it is valid.
     */
    public static String problem(String host) {
        if (host == null || host.isEmpty()) {
            return "it is empty";
        }
        if (host.indexOf(':') >= 0 || host.startsWith("[")) {
            return ipv6Problem(host);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c > 0x7e || c < 0x21) {
                return c == ' ' || Character.isWhitespace(c) ? "it contains white space"
                        : "it contains '" + printable(c) + "'; write international names in their xn-- (punycode) form";
            }
        }
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return ipv4Problem(host);
        }
        return dnsProblem(host);
    }

    private static String dnsProblem(String host) {
        if (host.length() > MAX_NAME_LENGTH) {
            return "it is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (host.endsWith(".")) {
            return "it ends with a dot";
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return "it has an empty label (two dots in a row, or a leading dot)";
            }
            if (label.length() > MAX_LABEL_LENGTH) {
                return "label \"" + label + "\" is longer than " + MAX_LABEL_LENGTH + " characters";
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return "label \"" + label + "\" contains '" + c + "' (letters, digits and hyphens only)";
                }
            }
            if (label.startsWith("-")) {
                return "label \"" + label + "\" starts with a hyphen";
            }
            if (label.endsWith("-")) {
                return "label \"" + label + "\" ends with a hyphen";
            }
        }
        String top = labels[labels.length - 1];
        if (labels.length > 1 && top.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "its top-level label \"" + top + "\" is all digits";
        }
        return null;
    }

    private static String ipv4Problem(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return "it is not an IPv4 address (four numbers 0-255 separated by dots)";
        }
        for (String part : parts) {
            String octet = octetProblem(part);
            if (octet != null) {
                return "IPv4 address: " + octet;
            }
        }
        return null;
    }

    private static String octetProblem(String part) {
        if (part.isEmpty()) {
            return "a number is missing";
        }
        if (part.length() > 3 || Integer.parseInt(part) > 255) {
            return part + " is greater than 255";
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            return part + " has a leading zero";
        }
        return null;
    }

    private static String ipv6Problem(String host) {
        if (host.startsWith("[") || host.endsWith("]")) {
            return "write an IPv6 address without brackets";
        }
        if (host.indexOf('%') >= 0) {
            return "an IPv6 zone (%...) is not allowed";
        }
        try {
            int doubleColon = host.indexOf("::");
            if (doubleColon < 0) {
                int pieces = ipv6Pieces(host, true);
                if (pieces != 8) {
                    throw new IllegalArgumentException("it has " + pieces + " groups of 16 bits, not 8");
                }
                return null;
            }
            if (host.indexOf("::", doubleColon + 1) >= 0) {
                throw new IllegalArgumentException("\"::\" appears twice");
            }
            String left = host.substring(0, doubleColon);
            String right = host.substring(doubleColon + 2);
            int pieces = (left.isEmpty() ? 0 : ipv6Pieces(left, false)) + (right.isEmpty() ? 0 : ipv6Pieces(right, true));
            if (pieces > 7) {
                throw new IllegalArgumentException("it has " + pieces + " groups of 16 bits beside \"::\", at most 7");
            }
            return null;
        } catch (IllegalArgumentException invalid) {
            return "it is not an IPv6 address (" + invalid.getMessage() + ")";
        }
    }

    /** The number of 16-bit pieces in colon-separated groups; the last may be IPv4 when allowed. */
    private static int ipv6Pieces(String groups, boolean ipv4Last) {
        String[] parts = groups.split(":", -1);
        int pieces = 0;
        for (int i = 0; i < parts.length; i++) {
            String group = parts[i];
            if (group.isEmpty()) {
                throw new IllegalArgumentException("an empty group");
            }
            if (group.indexOf('.') >= 0) {
                if (!ipv4Last || i != parts.length - 1
                        || !group.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')
                        || ipv4Problem(group) != null) {
                    throw new IllegalArgumentException("\"" + group + "\" is not a valid embedded IPv4 part");
                }
                pieces += 2;
            } else if (group.length() > 4 || !group.chars().allMatch(HostNames::isHexDigit)) {
                throw new IllegalArgumentException("\"" + group + "\" is not 1-4 hexadecimal digits");
            } else {
                pieces++;
            }
        }
        return pieces;
    }

    private static boolean isHexDigit(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
