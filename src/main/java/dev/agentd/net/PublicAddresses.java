package dev.agentd.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which hosts agentd may reach on behalf of a project (an MCP server's URL): by default only public
 * ones, checked on every address the name resolves to, so that a name pointing at loopback, a
 * private network, a link-local address (cloud metadata among them) or shared address space is
 * refused as well as the address itself.
 */
public final class PublicAddresses {
    private final boolean allowPrivate;
    private final String setting;

    /** {@code setting}: the variable that allows private addresses, named in refusals. */
    public PublicAddresses(boolean allowPrivate, String setting) {
        this.allowPrivate = allowPrivate;
        this.setting = setting;
    }

    /**
     * Resolves {@code host} and checks every address.
     *
     * @throws IllegalArgumentException naming the host and what it resolved to when it is refused or unknown
     */
    public void check(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        if (allowPrivate) return;
        for (InetAddress a : addresses) {
            if (!isPublic(a)) {
                String what = host.equals(a.getHostAddress())
                        ? host + " is"
                        : host + " resolves to " + a.getHostAddress() + ",";
                throw new IllegalArgumentException(
                        what + " a loopback, private or link-local address (set " + setting + "=true to allow them)");
            }
        }
    }

    /**
     * Refuses {@code host} when it is, or resolves to, an address that is not public; a name that
     * does not resolve now passes (it is checked again on every connection).
     *
     * @throws IllegalArgumentException naming the host and the address
     */
    public void refuseKnownPrivate(String host) {
        try {
            check(host);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith("unknown host")) throw e;
        }
    }

    /**
     * The addresses of {@code host} that may be connected to: all of them when private ones are
     * allowed, else the public ones (for a client's DNS, so that what is checked is what is reached).
     *
     * @throws UnknownHostException when there are none
     */
    public List<InetAddress> connectable(String host) throws UnknownHostException {
        List<InetAddress> all = List.of(InetAddress.getAllByName(host));
        if (allowPrivate) return all;
        List<InetAddress> open = all.stream().filter(PublicAddresses::isPublic).toList();
        if (open.isEmpty())
            throw new UnknownHostException(host + " resolves only to loopback, private or link-local addresses (set "
                    + setting + "=true to allow them)");
        return open;
    }

    /** Whether a connection to {@code address} may be made. */
    public boolean allows(InetAddress address) {
        return allowPrivate || isPublic(address);
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            // unique local fc00::/7, and IPv4-mapped addresses judged as the IPv4 address they carry
            if ((b[0] & 0xfe) == 0xfc) return false;
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 0/8 "this network", 100.64/10 shared address space, 192.0.0/24 protocol assignments, 198.18/15 benchmarking
        return first != 0
                && !(first == 100 && second >= 64 && second < 128)
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)
                && !(first == 198 && (second == 18 || second == 19))
                && first < 240;
    }
}
