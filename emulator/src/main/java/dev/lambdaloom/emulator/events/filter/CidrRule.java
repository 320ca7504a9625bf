package dev.lambdaloom.emulator.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code {"cidr": "10.0.0.0/24"}}: a string holding an IPv4 or IPv6 address inside the block. Addresses are read as
 * literals only ({@link InetAddress#ofLiteral}), so a record value is never looked up in DNS.
 */
record CidrRule(byte[] network, int prefixLength) implements Rule {

  CidrRule {
    network = network.clone();
  }

  /** A copy: the rule is shared by poller threads and must not change. */
  @Override
  public byte[] network() {
    return network.clone();
  }

  /** The rule for a CIDR block, or an {@link IllegalArgumentException} saying what is wrong with it. */
  static CidrRule of(String block) {
    int slash = block.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("cidr '" + block + "' has no /prefix-length (for example 10.0.0.0/24)");
    }
    byte[] address = literal(block.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException(
        "cidr '" + block + "' does not start with an IPv4 or IPv6 address"))
        .getAddress();
    int length;
    try {
      length = Integer.parseInt(block.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cidr '" + block + "' has a prefix length that is not a whole number", e);
    }
    if (length < 0 || length > address.length * 8) {
      throw new IllegalArgumentException("cidr '" + block + "': prefix length " + length + " is out of range (0 to "
          + address.length * 8 + ")");
    }
    return new CidrRule(address, length);
  }

  @Override
  public boolean matches(JsonNode leaf) {
    if (!leaf.isTextual()) {
      return false;
    }
    return literal(leaf.textValue()).map(InetAddress::getAddress)
        .filter(address -> address.length == network.length && inBlock(address)).isPresent();
  }

  private boolean inBlock(byte[] address) {
    int wholeBytes = prefixLength / 8;
    if (!Arrays.equals(address, 0, wholeBytes, network, 0, wholeBytes)) {
      return false;
    }
    int restBits = prefixLength % 8;
    if (restBits == 0) {
      return true;
    }
    int mask = 0xFF << (8 - restBits) & 0xFF;
    return (address[wholeBytes] & mask) == (network[wholeBytes] & mask);
  }

  private static Optional<InetAddress> literal(String text) {
    try {
      return Optional.of(InetAddress.ofLiteral(text.strip()));
    } catch (IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CidrRule that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    return "CidrRule[" + Arrays.toString(network) + "/" + prefixLength + "]";
  }
}
