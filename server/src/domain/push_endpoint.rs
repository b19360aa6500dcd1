//! Where a push may be sent: https on a public internet address, never into the portal's own network.
//!
//! A device's push endpoint is a URL the server later connects to, so a subscription is a
//! request the server makes on a stranger's behalf (server-side request forgery). The endpoint is
//! parsed once with the WHATWG URL parser (the `url` crate: it turns `2130706433`, `0x7f.1`,
//! `0177.0.0.1`, `127.1`, percent-encoded and IDNA hosts into one canonical host), and every
//! address, written in the URL or found by DNS at send time, goes through [`is_public`].

use super::Invalid;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use url::{Host, Url};

/// Longest endpoint URL accepted, in bytes.
pub const ENDPOINT_MAX: usize = 2048;

/// What the operator allows as push endpoints (`[push]` in the configuration).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointPolicy {
    /// Tests and development only: loopback hosts (`127.0.0.0/8`, `::1`, `localhost`) are
    /// allowed, over http too. Private and other non-public ranges stay refused.
    pub allow_loopback_http: bool,
    /// Host names (lower case, no trailing dot) a public endpoint's host must equal or end in
    /// after a dot, e.g. `fcm.googleapis.com`; empty: any public host.
    pub allowed_hosts: Vec<String>,
}

impl EndpointPolicy {
    /// Whether a push may be sent to `ip`: a public address, or loopback when allowed.
    pub fn allows_address(&self, ip: IpAddr) -> bool {
        is_public(ip) || (self.allow_loopback_http && is_loopback(ip))
    }

    /// Checks `endpoint` (trimmed), and returns it parsed and normalised.
    ///
    /// Errors: [`Invalid::Required`], [`Invalid::TooLong`] (over [`ENDPOINT_MAX`]),
    /// [`Invalid::PushEndpoint`] (not an https URL with a host name, or has user info),
    /// [`Invalid::PushEndpointAddress`] (an address or name of a non-public network),
    /// [`Invalid::PushEndpointHost`] (outside [`EndpointPolicy::allowed_hosts`]).
    pub fn check(&self, endpoint: &str) -> Result<Url, Invalid> {
        let endpoint = endpoint.trim();
        if endpoint.is_empty() {
            return Err(Invalid::Required);
        }
        if endpoint.len() > ENDPOINT_MAX {
            return Err(Invalid::TooLong);
        }
        let url = Url::parse(endpoint).map_err(|_| Invalid::PushEndpoint)?;
        let secure = match url.scheme() {
            "https" => true,
            "http" => false,
            _ => return Err(Invalid::PushEndpoint),
        };
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Invalid::PushEndpoint);
        }
        let loopback = match url.host() {
            None => return Err(Invalid::PushEndpoint),
            Some(Host::Ipv4(v4)) => self.address(IpAddr::V4(v4))?,
            Some(Host::Ipv6(v6)) => self.address(IpAddr::V6(v6))?,
            Some(Host::Domain(name)) => self.name(name)?,
        };
        match secure || loopback {
            true => Ok(url),
            false => Err(Invalid::PushEndpoint),
        }
    }

    /// Checks an address written in the URL; true when it is an allowed loopback one.
    fn address(&self, ip: IpAddr) -> Result<bool, Invalid> {
        if self.allow_loopback_http && is_loopback(ip) {
            return Ok(true);
        }
        if !is_public(ip) {
            return Err(Invalid::PushEndpointAddress);
        }
        if !self.allowed_hosts.is_empty() {
            return Err(Invalid::PushEndpointHost);
        }
        Ok(false)
    }

    /// Checks a host name; true when it is `localhost` and loopback is allowed.
    fn name(&self, name: &str) -> Result<bool, Invalid> {
        let name = name.trim_end_matches('.');
        if name == "localhost" || name.ends_with(".localhost") {
            return match self.allow_loopback_http {
                true => Ok(true),
                false => Err(Invalid::PushEndpointAddress),
            };
        }
        // A single label resolves through the search domains of the server's own network.
        if !name.contains('.') {
            return Err(Invalid::PushEndpointAddress);
        }
        let allowed = self.allowed_hosts.is_empty()
            || self.allowed_hosts.iter().any(|suffix| {
                name == suffix
                    || name
                        .strip_suffix(suffix.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            });
        match allowed {
            true => Ok(false),
            false => Err(Invalid::PushEndpointHost),
        }
    }
}

/// Loopback: `127.0.0.0/8` or `::1` (an IPv4-mapped loopback is not loopback here: refused).
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback(),
    }
}

/// Whether `ip` is a public unicast address of the internet, where a push service may live.
///
/// Refused (IANA special-purpose registries, RFC 6890 and successors): for IPv4 `0/8`, loopback
/// `127/8`, private `10/8` `172.16/12` `192.168/16`, CGNAT `100.64/10`, link-local
/// `169.254/16`, `192.0.0/24`, documentation, benchmarking `198.18/15`, 6to4 relay
/// `192.88.99/24`, multicast `224/4`, reserved `240/4` and broadcast. For IPv6 everything outside
/// global unicast `2000::/3` (so `::`, `::1`, IPv4-mapped and -compatible, `100::/64`, unique-local
/// `fc00::/7`, link-local `fe80::/10`, site-local `fec0::/10`, multicast `ff00::/8`), and inside
/// it `2001::/23` (Teredo, benchmarking, ORCHID…), documentation `2001:db8::/32` and `3fff::/20`,
/// and 6to4 `2002::/16` around a non-public IPv4. NAT64 `64:ff9b::/96` is public when the IPv4
/// it carries is.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let special = a == 0
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || (a == 100 && (b & 0xc0) == 64)
        || (a == 192 && b == 0 && c == 0)
        || ip.is_documentation()
        || (a == 198 && (b & 0xfe) == 18)
        || (a == 192 && b == 88 && c == 99)
        || ip.is_multicast()
        || a >= 240;
    !special
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    // NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address.
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return is_public_v4(v4_at(&s, 6));
    }
    if s[0] & 0xe000 != 0x2000 {
        return false;
    }
    if s[0] == 0x2001 && s[1] < 0x0200 {
        return false;
    }
    if (s[0] == 0x2001 && s[1] == 0x0db8) || (s[0] & 0xfff0) == 0x3ff0 {
        return false;
    }
    // 6to4 (RFC 3056): bits 16..48 are an IPv4 address.
    if s[0] == 0x2002 {
        return is_public_v4(v4_at(&s, 1));
    }
    true
}

/// The IPv4 address in segments `at` and `at + 1`.
fn v4_at(s: &[u16; 8], at: usize) -> Ipv4Addr {
    let (hi, lo) = (s[at].to_be_bytes(), s[at + 1].to_be_bytes());
    Ipv4Addr::new(hi[0], hi[1], lo[0], lo[1])
}

#[cfg(test)]
#[path = "push_endpoint_tests.rs"]
mod tests;
