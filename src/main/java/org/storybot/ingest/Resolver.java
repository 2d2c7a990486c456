package org.storybot.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses: the system's DNS, or a test's. */
@FunctionalInterface
interface Resolver {
  Resolver SYSTEM = InetAddress::getAllByName;

  InetAddress[] resolve(String host) throws UnknownHostException;
}
