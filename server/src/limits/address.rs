//! Who the client is, for counting: the socket's peer, or the address a trusted proxy forwarded
//! (RFC 7239 `Forwarded`, or `X-Forwarded-For`), grouped so one host cannot rotate addresses.

use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr};

/// The address a request comes from, as far as the server can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// The client behind `peer` (the socket's remote address).
    ///
    /// The forwarding headers are read only when `peer` is in `trusted` (none by default), and
    /// from the right: each hop added by a trusted proxy names the one before it, and the first
    /// hop that is not a trusted proxy is the client. Hops further left were written by the
    /// client itself and are never believed. `Forwarded` (RFC 7239 §4, its `for=` parameters)
    /// wins over `X-Forwarded-For` when both are present; a hop that cannot be read (`unknown`,
    /// an obfuscated `_name`) stops the walk at the last proxy.
    pub fn resolve(
        peer: IpAddr,
        forwarded: Option<&str>,
        x_forwarded_for: Option<&str>,
        trusted: &[IpNet],
    ) -> Self {
        let peer = peer.to_canonical();
        let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
        if !is_trusted(&peer) {
            return Self(peer);
        }
        let hops: Vec<&str> = match (forwarded, x_forwarded_for) {
            (Some(f), _) => forwarded_for_hops(f),
            (None, Some(x)) => x.split(',').collect(),
            (None, None) => Vec::new(),
        };
        let mut client = peer;
        for hop in hops.iter().rev() {
            if !is_trusted(&client) {
                break;
            }
            match parse_node(hop) {
                Some(ip) => client = ip,
                None => break,
            }
        }
        Self(client)
    }

    /// The counting key: an IPv4 address as itself (in its IPv4-mapped IPv6 form), an IPv6
    /// address as its /64 network, since one host or home is usually given a whole /64.
    pub fn key(&self) -> u128 {
        match self.0.to_canonical() {
            IpAddr::V4(v4) => u128::from(v4.to_ipv6_mapped()),
            IpAddr::V6(v6) => u128::from(v6) & !u128::from(u64::MAX),
        }
    }
}

/// The `for=` values of a `Forwarded` header, in order (RFC 7239 §4: elements separated by
/// commas, pairs by semicolons, parameter names case-insensitive).
fn forwarded_for_hops(header: &str) -> Vec<&str> {
    header
        .split(',')
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim().eq_ignore_ascii_case("for").then_some(value)
            })
        })
        .collect()
}

/// One node: `192.0.2.1`, `192.0.2.1:8080`, `2001:db8::1`, `[2001:db8::1]:8080`, optionally
/// quoted (RFC 7239 §6). `None` for `unknown`, obfuscated names and anything else.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim().trim_matches('"').trim();
    if let Some(rest) = node.strip_prefix('[') {
        let (inside, _) = rest.split_once(']')?;
        return inside
            .parse::<Ipv6Addr>()
            .ok()
            .map(|v6| IpAddr::V6(v6).to_canonical());
    }
    node.parse::<IpAddr>()
        .ok()
        .or_else(|| node.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    #[test]
    fn without_trusted_proxies_the_headers_are_ignored() {
        let c = ClientAddress::resolve(
            ip("198.51.100.7"),
            Some("for=192.0.2.1"),
            Some("192.0.2.2"),
            &[],
        );
        assert_eq!(c.0, ip("198.51.100.7"));
    }

    #[test]
    fn an_untrusted_peer_cannot_claim_another_address() {
        let trusted = nets(&["10.0.0.0/8"]);
        let c = ClientAddress::resolve(ip("198.51.100.7"), None, Some("192.0.2.2"), &trusted);
        assert_eq!(c.0, ip("198.51.100.7"));
    }

    #[test]
    fn the_first_untrusted_hop_from_the_right_is_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        // The client wrote "203.0.113.9" itself; the proxy appended the address it saw.
        let c = ClientAddress::resolve(
            ip("10.0.0.2"),
            None,
            Some("203.0.113.9, 192.0.2.44, 10.0.0.1"),
            &trusted,
        );
        assert_eq!(c.0, ip("192.0.2.44"));
    }

    #[test]
    fn forwarded_wins_and_its_quoted_ipv6_with_port_is_read() {
        let trusted = nets(&["10.0.0.0/8"]);
        let c = ClientAddress::resolve(
            ip("10.0.0.2"),
            Some("for=192.0.2.60;proto=http, For=\"[2001:db8:cafe::17]:4711\""),
            Some("192.0.2.99"),
            &trusted,
        );
        assert_eq!(c.0, ip("2001:db8:cafe::17"));
    }

    #[test]
    fn an_unreadable_hop_stops_at_the_last_proxy() {
        let trusted = nets(&["10.0.0.0/8"]);
        let c = ClientAddress::resolve(ip("10.0.0.2"), Some("for=unknown"), None, &trusted);
        assert_eq!(c.0, ip("10.0.0.2"));
        let c = ClientAddress::resolve(ip("10.0.0.2"), None, Some("192.0.2.1:8080"), &trusted);
        assert_eq!(c.0, ip("192.0.2.1"));
    }

    #[test]
    fn ipv6_addresses_of_one_64_share_a_key_and_ipv4_keys_are_exact() {
        let a = ClientAddress(ip("2001:db8:1:2:aaaa::1")).key();
        let b = ClientAddress(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")).key();
        let other = ClientAddress(ip("2001:db8:1:3::1")).key();
        assert_eq!(a, b);
        assert_ne!(a, other);
        let v4 = ClientAddress(ip("192.0.2.1")).key();
        assert_eq!(v4, ClientAddress(ip("::ffff:192.0.2.1")).key());
        assert_ne!(v4, ClientAddress(ip("192.0.2.2")).key());
    }
}
