//! The push client's DNS: resolves a push service's host name and keeps only the addresses the
//! endpoint policy allows, so the connection goes to exactly an address that was checked.
//!
//! reqwest connects to the addresses its resolver returns and resolves nothing else, so a name
//! that resolves to a private address (or is rebound to one after the subscription was checked)
//! is never connected to. IP-literal hosts never reach a resolver: the sender checks them itself.

use crate::domain::push::EndpointPolicy;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::{
    future::Future,
    io,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::Arc,
};

/// A host-name lookup: the name, then every address it has (the port is reqwest's to set).
pub type Lookup = Arc<
    dyn Fn(String) -> Pin<Box<dyn Future<Output = io::Result<Vec<IpAddr>>> + Send>> + Send + Sync,
>;

/// The system resolver (`getaddrinfo` through tokio).
pub fn system_lookup() -> Lookup {
    Arc::new(|name: String| {
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            Ok(found.map(|a| a.ip()).collect())
        })
    })
}

/// A push service's host name resolved only to addresses a push may not go to.
#[derive(Debug, thiserror::Error)]
#[error("push endpoint refused: {host} resolves to no public address ({addresses})")]
pub struct ForbiddenAddress {
    /// The host name.
    pub host: String,
    /// What it resolved to, comma-separated.
    pub addresses: String,
}

/// The resolver given to the push client: [`Lookup`], then [`EndpointPolicy::allows_address`].
pub struct CheckedResolver {
    policy: Arc<EndpointPolicy>,
    lookup: Lookup,
}

impl CheckedResolver {
    /// Resolves with `lookup`, keeping what `policy` allows.
    pub fn new(policy: Arc<EndpointPolicy>, lookup: Lookup) -> Self {
        Self { policy, lookup }
    }

    /// The addresses of `host` a push may go to (port 0); [`ForbiddenAddress`] when none are,
    /// the lookup's error when it failed.
    pub async fn resolve_host(&self, host: &str) -> Result<Vec<SocketAddr>, ResolveError> {
        let found = (self.lookup)(host.to_string()).await?;
        let kept: Vec<SocketAddr> = found
            .iter()
            .filter(|ip| self.policy.allows_address(**ip))
            .map(|ip| SocketAddr::new(*ip, 0))
            .collect();
        if kept.is_empty() {
            let addresses = found
                .iter()
                .map(IpAddr::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(ResolveError::Forbidden(ForbiddenAddress {
                host: host.to_string(),
                addresses,
            }));
        }
        Ok(kept)
    }
}

/// Why a push service's host name gave no address to connect to.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// Only forbidden addresses: retrying will not help.
    #[error(transparent)]
    Forbidden(ForbiddenAddress),
    /// The lookup failed (no such name, DNS down): may be retried.
    #[error("DNS lookup: {0}")]
    Lookup(#[from] io::Error),
}

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let this = Self {
            policy: self.policy.clone(),
            lookup: self.lookup.clone(),
        };
        Box::pin(async move {
            match this.resolve_host(name.as_str()).await {
                Ok(kept) => Ok(Box::new(kept.into_iter()) as Addrs),
                Err(ResolveError::Forbidden(f)) => Err(Box::new(f) as _),
                Err(ResolveError::Lookup(e)) => Err(Box::new(e) as _),
            }
        })
    }
}

/// The [`ForbiddenAddress`] somewhere in `error`'s chain of causes, if any.
pub fn forbidden_in<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a ForbiddenAddress> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(f) = e.downcast_ref::<ForbiddenAddress>() {
            return Some(f);
        }
        current = e.source();
    }
    None
}

/// A lookup answering from a fixed table, for tests: names not in it do not exist.
pub fn fixed_lookup(table: &[(&str, &[IpAddr])]) -> Lookup {
    let table: Arc<Vec<(String, Vec<IpAddr>)>> = Arc::new(
        table
            .iter()
            .map(|(n, a)| (n.to_string(), a.to_vec()))
            .collect(),
    );
    Arc::new(move |name: String| {
        let table = table.clone();
        Box::pin(async move {
            table
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, a)| a.clone())
                .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such host"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn resolver(allow_loopback_http: bool) -> CheckedResolver {
        let policy = EndpointPolicy {
            allow_loopback_http,
            allowed_hosts: Vec::new(),
        };
        let lookup = fixed_lookup(&[
            ("push.example.net", &[ip("10.0.0.5"), ip("93.184.215.14")]),
            ("rebound.example.net", &[ip("127.0.0.1")]),
            (
                "metadata.example.net",
                &[ip("169.254.169.254"), ip("fd00::1")],
            ),
            ("mapped.example.net", &[ip("::ffff:127.0.0.1")]),
        ]);
        CheckedResolver::new(Arc::new(policy), lookup)
    }

    #[tokio::test]
    async fn only_the_public_addresses_of_a_name_are_kept() {
        let kept = resolver(false)
            .resolve_host("push.example.net")
            .await
            .unwrap();
        assert_eq!(kept, ["93.184.215.14:0".parse::<SocketAddr>().unwrap()]);
    }

    #[tokio::test]
    async fn a_name_with_only_forbidden_addresses_is_refused_and_says_why() {
        for host in [
            "rebound.example.net",
            "metadata.example.net",
            "mapped.example.net",
        ] {
            let err = resolver(false).resolve_host(host).await.unwrap_err();
            assert!(matches!(err, ResolveError::Forbidden(_)), "{host}: {err}");
        }
        let err = resolver(true)
            .resolve_host("metadata.example.net")
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "push endpoint refused: metadata.example.net resolves to no public address \
             (169.254.169.254, fd00::1)"
        );
        assert!(
            resolver(true)
                .resolve_host("mapped.example.net")
                .await
                .is_err()
        );
    }

    #[tokio::test]
    async fn loopback_is_kept_only_when_the_test_setting_allows_it() {
        let kept = resolver(true)
            .resolve_host("rebound.example.net")
            .await
            .unwrap();
        assert_eq!(kept, ["127.0.0.1:0".parse::<SocketAddr>().unwrap()]);
    }

    #[tokio::test]
    async fn an_unknown_name_is_a_lookup_failure_not_a_refusal() {
        let err = resolver(false)
            .resolve_host("nowhere.example.net")
            .await
            .unwrap_err();
        assert!(matches!(err, ResolveError::Lookup(_)));
    }
}
